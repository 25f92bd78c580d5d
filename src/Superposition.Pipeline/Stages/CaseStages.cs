using System.Diagnostics;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Statistics;
using Superposition.Sweeps;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// The pure functions each Dataflow stage wraps (docs/design.md, "Data flow"). Each takes its input
/// and returns a value; the only state is in <see cref="CaseAggregator"/> and the build memo.
/// </summary>
public static class CaseStages
{
    /// <summary>Builds a case's network; a construction error becomes a failed case unless <paramref name="stopOnFirstError"/>.</summary>
    public static BuiltCase Build(RunCase runCase, bool stopOnFirstError, NetworkMemo memo)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var network = memo.GetOrBuild(runCase);
            return new BuiltCase(runCase, network, null, clock.Elapsed.TotalSeconds);
        }
        catch (Exception error) when (!stopOnFirstError && error is not OutOfMemoryException)
        {
            return new BuiltCase(runCase, null, $"{error.GetType().Name}: {error.Message}", clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>The batches of a case, or one marker batch for a failed case so it still reaches the sink.</summary>
    public static IEnumerable<BatchRequest> Split(BuiltCase built) =>
        built.Network is null ? [new BatchRequest(built, -1)] : Enumerable.Range(0, built.Case.BatchCount).Select(i => new BatchRequest(built, i));

    /// <summary>Draws batch i of a case from the case's sample seed; independent of scheduling.</summary>
    public static SampledBatch Sample(BatchRequest request)
    {
        var built = request.Case;
        if (built.Network is not { } network)
        {
            return new SampledBatch(built, request.BatchIndex, new SampleBatch(0, [0], [], [0], []), 0);
        }
        var clock = Stopwatch.StartNew();
        var runCase = built.Case;
        var first = request.BatchIndex * runCase.BatchSize;
        var count = Math.Min(runCase.BatchSize, runCase.Samples - first);
        var batch = InputSamplers.Batch(network.Problem, runCase.InputDistribution, first, count, runCase.SampleSeed.Derive(request.BatchIndex));
        return new SampledBatch(built, request.BatchIndex, batch, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Evaluates and scores a batch with a scratch buffer rented from the case.</summary>
    public static EvaluatedBatch Evaluate(SampledBatch sampled, bool keepSamples)
    {
        var built = sampled.Case;
        if (built.Network is not { } network)
        {
            return new EvaluatedBatch(built, sampled.BatchIndex, ErrorStatistics.Empty, [], 0);
        }
        var clock = Stopwatch.StartNew();
        var scratch = built.RentScratch();
        try
        {
            var outcome = FactoredEvaluator.Evaluate(network, sampled.Samples, scratch);
            var (statistics, samples) = Scoring.Score(sampled.Samples, outcome, keepSamples);
            return new EvaluatedBatch(built, sampled.BatchIndex, statistics, samples, sampled.Seconds + clock.Elapsed.TotalSeconds);
        }
        finally
        {
            built.ReturnScratch(scratch);
        }
    }
}

/// <summary>
/// Remembers the last network built, so consecutive cases that differ only in how they are evaluated
/// (for example the input distribution) share one build. Used by the single-threaded build stage only.
/// </summary>
public sealed class NetworkMemo
{
    private (string Key, Network Network)? _last;

    public Network GetOrBuild(RunCase runCase)
    {
        var key = string.Join('|', runCase.Problem, runCase.ProblemSeed, runCase.Construction, System.Text.Json.JsonSerializer.Serialize(runCase.ConstructionParams), runCase.ConstructionSeed);
        if (_last is { } last && last.Key == key)
        {
            return last.Network;
        }
        _last = null;
        var network = NetworkBuilder.Build(runCase.Problem, runCase.Construction, runCase.ConstructionParams, runCase.ProblemSeed, runCase.ConstructionSeed);
        _last = (key, network);
        return network;
    }
}

/// <summary>
/// The only stateful stage: combines the batches of each case (in any arrival order; the statistics
/// are a monoid) and emits the case when its last batch is in. Samples are re-sorted by index.
/// </summary>
public sealed class CaseAggregator
{
    private readonly Dictionary<(int Index, int Replicate), (int Batches, ErrorStatistics Statistics, List<SampleOutcome> Samples, double Seconds)> _open = [];

    public IEnumerable<CaseResult> Add(EvaluatedBatch batch)
    {
        var index = (batch.Case.Case.Index, batch.Case.Case.Replicate);
        if (batch.CaseFailed)
        {
            return [new CaseResult(batch.Case, ErrorStatistics.Empty, [], 0)];
        }
        var (batches, statistics, samples, seconds) = _open.TryGetValue(index, out var open) ? open : (0, ErrorStatistics.Empty, new List<SampleOutcome>(), 0.0);
        samples.AddRange(batch.Samples);
        (batches, statistics, seconds) = (batches + 1, statistics.Combine(batch.Statistics), seconds + batch.Seconds);
        if (batches < batch.Case.Case.BatchCount)
        {
            _open[index] = (batches, statistics, samples, seconds);
            return [];
        }
        _open.Remove(index);
        return [new CaseResult(batch.Case, statistics, [.. samples.OrderBy(s => s.SampleIndex)], seconds)];
    }
}

/// <summary>
/// Releases cases in the order they were fed (sweep order, possibly a subset when sharding or resuming):
/// holds a finished case until every earlier one has been released.
/// </summary>
public sealed class CaseOrdering(IReadOnlyList<RunCase> order)
{
    private readonly Dictionary<(int Index, int Replicate), CaseResult> _waiting = [];
    private int _next;

    public IEnumerable<CaseResult> Add(CaseResult result)
    {
        _waiting.Add((result.Case.Case.Index, result.Case.Case.Replicate), result);
        var ready = new List<CaseResult>();
        while (_next < order.Count && _waiting.Remove((order[_next].Index, order[_next].Replicate), out var next))
        {
            ready.Add(next);
            _next++;
        }
        return ready;
    }
}
