using System.Globalization;
using Superposition.Problems;
using Superposition.Specs;
using Superposition.Validation;

namespace Superposition.Sweeps;

/// <summary>
/// The sizes that the evaluation fields of a spec (samples, batch_size) and the sparsity imply, computed in
/// checked 64-bit arithmetic when the spec is validated, against the structures that will hold them: the
/// sampler's per-input scratch (s values), a batch's buffers (s active inputs and up to C(s,2) true
/// outputs per input, in single arrays), and the samples a run keeps in memory with <c>--samples</c>. So a
/// spec that <c>plan</c> accepts cannot overflow or exhaust memory in <c>run</c> through these fields.
/// </summary>
public static class EvaluationLimits
{
    /// <summary>
    /// The largest sparsity: the sampler draws an input's active features into a scratch buffer of s values
    /// on the stack, and C(s,2) true outputs per input must stay a modest buffer (8.4 million at this bound).
    /// </summary>
    public const int MaxSparsity = 4096;

    /// <summary>The most one batch's buffers may take: the unit that every worker holds several of at once.</summary>
    public const long MaxBatchBytes = 256L << 20;

    /// <summary>
    /// Batches one worker may hold at once: the sampling and evaluation stages each buffer twice the
    /// workers' count of batches besides the ones in hand (a bound, rounded up).
    /// </summary>
    public const int BatchesInFlightPerWorker = 6;

    /// <summary>The most true outputs one input can have: C(s,2) for 2-AND, s for a permutation.</summary>
    public static long TrueOutputsPerInput(ProblemSpec problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        long s = Math.Max(0, problem.Sparsity);
        return problem.Kind == ProblemKind.And ? checked(s * (s - 1) / 2) : s;
    }

    /// <summary>
    /// Bytes of the buffers of one batch of <paramref name="samples"/> inputs: offsets, active inputs and
    /// truth of the sampled batch, and offsets, margins and decoded outputs of its outcome. Checked: throws
    /// <see cref="OverflowException"/> for sizes no machine holds (validation turns that into an error).
    /// </summary>
    public static long BatchBytes(ProblemSpec problem, long samples)
    {
        ArgumentNullException.ThrowIfNull(problem);
        long s = Math.Max(0, problem.Sparsity);
        var perInput = checked(8 + (4 * s) + (4 * TrueOutputsPerInput(problem)) + 4 + 16 + (4 * 4));
        return checked((samples * perInput) + 64);
    }

    /// <summary>
    /// Bytes of the samples one run keeps in memory with <c>--samples</c>, 1024 + 48s per input. The run holds
    /// each sample's outcome and its row (two objects, empty error lists, list slots, and a copy of the active
    /// inputs each) while its journal entry is written; the commit reads the row back (its own strings, and
    /// its active inputs grown in a list) and lays out the Parquet columns of its row group (the active inputs
    /// flattened, their repetition levels and encoded pages); and the run's copies have reached the oldest
    /// generation by then, so they may not be collected yet. That is some 900 bytes per sample and about 48 per
    /// active input; a real run peaks at about 850 bytes per sample at s = 3 and 3,300 at s = 64. Errors
    /// aside: every false positive or negative a sample lists adds to each copy as an active input does.
    /// </summary>
    public static long KeptSampleBytes(ProblemSpec problem, long samples)
    {
        ArgumentNullException.ThrowIfNull(problem);
        long s = Math.Max(0, problem.Sparsity);
        return checked(samples * (1024 + (48 * s)));
    }

    /// <summary>
    /// The problems these sizes have for one case; paths are spec fields (<c>problem.sparsity</c>,
    /// <c>evaluation.batch_size</c>). Assumes 1 ≤ s ≤ m and positive counts (checked elsewhere).
    /// </summary>
    public static IEnumerable<SpecError> Check(ProblemSpec problem, EvaluationSettings evaluation)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(evaluation);
        if (problem.Sparsity < 1 || evaluation.Samples < 1 || evaluation.BatchSize < 1)
        {
            yield break;
        }
        if (problem.Sparsity > MaxSparsity)
        {
            yield return new SpecError(SpecFields.Sparsity, $"s = {problem.Sparsity} is more than the {MaxSparsity} active inputs the sampler supports");
            yield break;
        }
        // The last batch may be shorter; none is longer than this.
        long batch = Math.Min(evaluation.BatchSize, evaluation.Samples);
        var truth = batch * TrueOutputsPerInput(problem);
        var active = batch * problem.Sparsity;
        if (Math.Max(truth, active) > Array.MaxLength)
        {
            var what = truth >= active ? $"batch_size × {(problem.Kind == ProblemKind.And ? "C(s,2)" : "s")} = {batch} × {TrueOutputsPerInput(problem)} = {truth} true outputs" : $"batch_size × s = {active} active inputs";
            yield return new SpecError(BatchSizeField, $"{what} per batch do not fit one array (at most {Array.MaxLength}); {Largest(problem)}");
            yield break;
        }
        var bytes = BatchBytes(problem, batch);
        if (bytes > MaxBatchBytes)
        {
            yield return new SpecError(BatchSizeField, $"a batch of {batch} inputs with s = {problem.Sparsity} needs {Mebibytes(bytes)} of buffers, more than the {Mebibytes(MaxBatchBytes)} a batch may take; {Largest(problem)}");
        }
    }

    /// <summary>The largest batch size within <see cref="MaxBatchBytes"/> for this problem.</summary>
    public static long LargestBatchSize(ProblemSpec problem) => Math.Max(1, (MaxBatchBytes - 64) / (BatchBytes(problem, 1) - 64));

    private const string BatchSizeField = "evaluation.batch_size";

    private static string Largest(ProblemSpec problem) => $"at most {LargestBatchSize(problem).ToString(CultureInfo.InvariantCulture)} inputs per batch fit for s = {problem.Sparsity}";

    private static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):0.#} MiB");
}
