using Superposition.Sweeps;

namespace Superposition.Cli;

/// <summary>
/// The memory figures of a stream of runs, gathered in one pass with constant memory (so `plan` of a
/// million runs holds none of them): the run with the largest estimated peak (network and scratch, for
/// <c>workers</c> workers) and the largest buffers any run's batches in flight take, plus (with
/// <c>keepSamples</c>) the samples it keeps until they are written.
/// </summary>
internal sealed class MemoryTally(int workers, bool keepSamples)
{
    private CaseId? lastCaseId;

    public int Workers { get; } = Math.Max(1, workers);

    public bool KeepSamples { get; } = keepSamples;

    /// <summary>The run with the largest estimated peak, or null before the first run.</summary>
    public (RunCase Run, long PeakBytes)? Largest { get; private set; }

    /// <summary>The largest batch buffers (and kept samples) of any run.</summary>
    public long BufferBytes { get; private set; }

    /// <summary>What the largest run and the largest buffers need together (saturating).</summary>
    public long PeakBytes => Largest is { } largest ? Sum(largest.PeakBytes, BufferBytes) : BufferBytes;

    public static MemoryTally Of(IEnumerable<RunCase> runs, int workers, bool keepSamples)
    {
        var tally = new MemoryTally(workers, keepSamples);
        foreach (var run in runs)
        {
            tally.Add(run);
        }
        return tally;
    }

    public void Add(RunCase run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Replicates of a case are consecutive and build networks of one size: estimate each case once.
        if (run.CaseId != lastCaseId)
        {
            lastCaseId = run.CaseId;
            var peak = MemoryEstimates.Of(run).PeakBytes(Workers);
            if (Largest is not { } current || peak > current.PeakBytes)
            {
                Largest = (run, peak);
            }
        }
        var inFlight = Product(EvaluationLimits.BatchBytes(run.Problem, Math.Min(run.BatchSize, run.Samples)), (long)EvaluationLimits.BatchesInFlightPerWorker * Workers);
        BufferBytes = Math.Max(BufferBytes, KeepSamples ? Sum(inFlight, EvaluationLimits.KeptSampleBytes(run.Problem, run.Samples)) : inFlight);
    }

    private static long Product(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    private static long Sum(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
