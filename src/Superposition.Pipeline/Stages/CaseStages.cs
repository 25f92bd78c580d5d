using System.Diagnostics;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Sweeps;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// The functions each Dataflow stage wraps (docs/design.md, "Data flow"). Each takes its input and
/// returns a value; the state lives in the build memo, the scratch pool and <see cref="CaseAggregator"/>.
/// </summary>
public static class CaseStages
{
    /// <summary>Builds a case's network; a construction error becomes a failed case unless <paramref name="stopOnFirstError"/>.</summary>
    public static Built Build(RunCase runCase, bool stopOnFirstError, NetworkMemo memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        return Build(runCase, stopOnFirstError, memo.GetOrBuild);
    }

    /// <summary>As the other overload, with the network from <paramref name="build"/>: a test can make one case's build throw.</summary>
    public static Built Build(RunCase runCase, bool stopOnFirstError, Func<RunCase, Network> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var clock = Stopwatch.StartNew();
        try
        {
            var network = build(runCase);
            return new Built.Ok(runCase, clock.Elapsed.TotalSeconds, network);
        }
        catch (Exception error) when (!stopOnFirstError && error is not OutOfMemoryException)
        {
            return new Built.Failed(runCase, clock.Elapsed.TotalSeconds, $"{error.GetType().Name}: {error.Message}");
        }
    }

    /// <summary>The batches of a built case.</summary>
    public static IEnumerable<BatchRequest> Split(Built.Ok built) =>
        Enumerable.Range(0, built.Case.BatchCount).Select(i => new BatchRequest(built, i));

    /// <summary>Draws batch i of a case from the case's sample seed; independent of scheduling.</summary>
    public static SampledBatch Sample(BatchRequest request)
    {
        var clock = Stopwatch.StartNew();
        var built = request.Case;
        var runCase = built.Case;
        var first = request.BatchIndex * runCase.BatchSize;
        var count = Math.Min(runCase.BatchSize, runCase.Samples - first);
        var batch = runCase.Exhaustive
            ? InputEnumeration.Batch(built.Network.Problem, InputEnumeration.SizesUpTo(runCase.InputDistribution.Name) ?? false, first, count)
            : runCase.SearchBudget > 0
                ? AdversarialSearch.Batch(built.Network, runCase.SearchBudget, first, count, runCase.SampleSeed.Derive(request.BatchIndex))
                : InputSamplers.Batch(built.Network.Problem, runCase.InputDistribution, first, count, runCase.SampleSeed.Derive(request.BatchIndex));
        return new SampledBatch(built, request.BatchIndex, batch, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Evaluates and scores a batch with a scratch buffer rented from <paramref name="scratch"/>.</summary>
    public static EvaluatedBatch Evaluate(SampledBatch sampled, ScratchPool scratch, bool keepSamples)
    {
        var clock = Stopwatch.StartNew();
        var network = sampled.Case.Network;
        var buffer = scratch.Rent(network);
        try
        {
            var outcome = NetworkEvaluator.Evaluate(network, sampled.Samples, buffer);
            var (statistics, samples) = Scoring.Score(network.Problem, sampled.Samples, outcome, keepSamples);
            return new EvaluatedBatch(sampled.Case, sampled.BatchIndex, statistics, samples, sampled.Seconds + clock.Elapsed.TotalSeconds);
        }
        finally
        {
            scratch.Return(network, buffer);
        }
    }
}
