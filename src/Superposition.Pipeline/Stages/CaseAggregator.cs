using Superposition.Evaluation;
using Superposition.Statistics;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// The only stateful stage: combines the batches of each case (in any arrival order; the statistics
/// are a monoid) and emits the case when its last batch is in. Samples are re-sorted by index.
/// </summary>
public sealed class CaseAggregator
{
    private readonly Dictionary<(int Index, int Replicate), (int Batches, ErrorStatistics Statistics, List<SampleOutcome> Samples, double Seconds)> _open = [];

    public IEnumerable<CaseResult> Add(EvaluatedBatch batch)
    {
        var runCase = batch.Case.Case;
        var index = (runCase.Index, runCase.Replicate);
        var (batches, statistics, samples, seconds) = _open.TryGetValue(index, out var open) ? open : (0, ErrorStatistics.Empty, new List<SampleOutcome>(), 0.0);
        samples.AddRange(batch.Samples);
        (batches, statistics, seconds) = (batches + 1, statistics.Combine(batch.Statistics), seconds + batch.Seconds);
        if (batches < runCase.BatchCount)
        {
            _open[index] = (batches, statistics, samples, seconds);
            return [];
        }
        _open.Remove(index);
        return [new CaseResult.Evaluated(batch.Case, statistics, [.. samples.OrderBy(s => s.SampleIndex)], seconds)];
    }
}
