using System.Globalization;
using Spectre.Console;
using Superposition.Reports.Analysis;
using Superposition.Rows;

namespace Superposition.Cli;

/// <summary>
/// The summary after a threshold sweep: one line per (construction, m, m', s, input distribution), replicate
/// searches pooled: the median threshold and its range, how many searches found one, and the median
/// neurons at the threshold, also divided by √m' · log2 m' (the upper bound's shape).
/// </summary>
internal static class ThresholdSummary
{
    public static void Print(IReadOnlyList<ThresholdRow> rows)
    {
        var table = new Table().AddColumns("construction", "m", "m'", "s", "inputs", "parameter", "found", "threshold (median, range)", "neurons at it", "neurons / (√m' log2 m')");
        foreach (var group in rows.GroupBy(r => (r.Construction, r.InputCount, r.OutputCount, r.Sparsity, r.Depth, r.InputDistribution, r.Parameter)))
        {
            var found = group.Where(r => r.Status == "found" || r.Status == "exact_at_min").ToList();
            var (threshold, neurons, normalised) = ("-", "-", "-");
            if (found.Count > 0)
            {
                var values = found.Select(r => r.Threshold).Order().ToList();
                var counts = found.Select(r => (double)r.NeuronCount).Order().ToList();
                var scale = Math.Sqrt(group.Key.OutputCount) * Math.Log2(Math.Max(2, group.Key.OutputCount));
                threshold = string.Create(CultureInfo.InvariantCulture, $"{Medians.OfSorted(values):0.###} ({values[0]:0.###}–{values[^1]:0.###})");
                neurons = Medians.OfSorted(counts).ToString("N0", CultureInfo.InvariantCulture);
                normalised = (Medians.OfSorted(counts) / scale).ToString("0.00", CultureInfo.InvariantCulture);
            }
            table.AddRow(
                Markup.Escape(group.Key.Construction),
                group.Key.InputCount.ToString(CultureInfo.InvariantCulture),
                group.Key.OutputCount.ToString(CultureInfo.InvariantCulture),
                group.Key.Sparsity.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(group.Key.InputDistribution),
                Markup.Escape(group.Key.Parameter),
                $"{found.Count}/{group.Count()}",
                threshold,
                neurons,
                normalised);
        }
        AnsiConsole.Write(table);
    }
}
