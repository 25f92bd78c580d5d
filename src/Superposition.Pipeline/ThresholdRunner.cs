using Superposition.Pipeline.Stages;
using Superposition.Rows;
using Superposition.Specs;
using Superposition.Sweeps;
using Superposition.Thresholds;

namespace Superposition.Pipeline;

/// <summary>Reported after each probe of a threshold search reaches the sink.</summary>
/// <param name="Search">The search's position in the sweep (its run index), 0-based.</param>
public sealed record ThresholdProgress(int Search, int Searches, double Value, CaseRow Row, ThresholdResult? Finished);

/// <summary>
/// Runs a sweep with a <c>threshold</c> section: for every (case, replicate) of the sweep, in order, a
/// <see cref="ThresholdSearch"/> whose probes are ordinary runs through <see cref="SweepRunner"/> (so each
/// probe is parallel over its batches and its row is exactly the row a plain sweep with that value gives).
/// Searches run one after another, and so do the probes of one search: each depends on the ones before it.
/// </summary>
public static class ThresholdRunner
{
    /// <summary>
    /// Runs every search of <paramref name="spec"/>. Every probe row goes to <paramref name="sink"/> as it
    /// finishes (not committed here); the returned rows, one per search in sweep order, are for
    /// thresholds.parquet. Throws like <see cref="SweepRunner.RunAsync"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ThresholdRow>> RunAsync(
        SweepSpec spec,
        IDatasetSink sink,
        RunOptions options,
        Action<ThresholdProgress>? progress,
        CancellationToken cancellationToken,
        SweepStages? stages = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sink);
        var threshold = spec.Threshold ?? throw new ArgumentException("the spec has no threshold section", nameof(spec));
        // Every search probes the initial bracket ends: expand the sweep at those once, not once per search.
        var ends = new Dictionary<double, IReadOnlyList<RunCase>>();
        var searches = SweepExpansion.Expand(spec);
        var results = new List<ThresholdRow>(searches.Length);
        var capture = new CapturingSink(sink);
        foreach (var search in searches)
        {
            var rows = new Dictionary<double, CaseRow>();
            var result = await ThresholdSearch.SearchAsync(threshold.Settings, async value =>
            {
                var run = RunsAt(value)[search.Index];
                capture.Last = null;
                await SweepRunner.RunAsync([run], capture, options, progress: null, cancellationToken, stages).ConfigureAwait(false);
                var row = capture.Last ?? throw new InvalidOperationException($"the probe at {value} wrote no row");
                rows[value] = row;
                progress?.Invoke(new ThresholdProgress(search.Index, searches.Length, value, row, null));
                return row.Status == "ok"
                    ? new ProbeOutcome(row.Samples - row.SamplesCorrect, row.Samples)
                    : new ProbeOutcome(0, 0, Failed: true);
            }).ConfigureAwait(false);
            var at = result.Threshold is { } value ? rows[value] : null;
            var thresholdRow = RowMapping.ToThresholdRow(search, threshold, result, at, options.Run);
            results.Add(thresholdRow);
            if (rows.Count > 0)
            {
                progress?.Invoke(new ThresholdProgress(search.Index, searches.Length, result.Threshold ?? double.NaN, at ?? rows.Values.Last(), result));
            }
        }
        return results;

        IReadOnlyList<RunCase> RunsAt(double value)
        {
            if (ends.TryGetValue(value, out var runs))
            {
                return runs;
            }
            runs = ThresholdProbes.RunsAt(spec, value);
            if (value == threshold.Settings.Low || value == threshold.Settings.High)
            {
                ends[value] = runs;
            }
            return runs;
        }
    }

    /// <summary>Passes rows on to the dataset sink and keeps the last one, which is the probe's result.</summary>
    private sealed class CapturingSink(IDatasetSink inner) : IDatasetSink
    {
        public CaseRow? Last { get; set; }

        public async ValueTask WriteAsync(CaseRow row, IReadOnlyList<SampleRow> samples, CancellationToken cancellationToken)
        {
            await inner.WriteAsync(row, samples, cancellationToken).ConfigureAwait(false);
            Last = row;
        }

        public ValueTask CommitAsync(RunManifest manifest, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("probes are committed by the caller, once, with the thresholds");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
