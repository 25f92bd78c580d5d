using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ScottPlot;
using Superposition.Reports.Analysis;
using Superposition.Reports.Plotting;
using Superposition.Rows;

namespace Superposition.Reports.Figures;

/// <summary>
/// The smallest exact network (thresholds.parquet, docs/mathematics.md §5): the neurons at each search's
/// threshold divided by √m' · log2 m', the shape of the upper bound, against m'; a flat curve is the
/// bound's shape and its height the empirical constant in front of it. The lower bound Ω(√(m' log m')),
/// divided the same way and with constant 1, is drawn beside it: the gap between them is what the
/// construction spends above the least any network could.
/// </summary>
internal static class ThresholdFigure
{
    public const string FileName = "threshold.png";

    private const string Description = "neurons at the smallest exact value of the searched parameter, divided by √m' · log2 m', against m', beside the lower bound divided the same way";

    /// <summary>The searches of one series (construction, input distribution, parameter) at one m'.</summary>
    public sealed record Point(string Series, int OutputCount, ImmutableArray<ThresholdRow> Searches, ImmutableArray<ThresholdRow> Found)
    {
        public static double Scale(int outputCount) => Math.Sqrt(outputCount) * Math.Log2(Math.Max(2, outputCount));

        public ImmutableArray<double> Normalised { get; } = [.. Found.Select(r => r.NeuronCount / Scale(r.OutputCount)).Order()];

        public ImmutableArray<double> Thresholds { get; } = [.. Found.Select(r => r.Threshold).Order()];

        public double LowerNormalised => Searches.Average(r => r.RefNeuronsLower) / Scale(OutputCount);
    }

    /// <summary>Searches that found a value: a bracket narrowed to the tolerance, or exact already at the lowest value allowed.</summary>
    public static bool HasThreshold(ThresholdRow row) => row.Status is "found" or "exact_at_min";

    public static ImmutableArray<Point> Points(IReadOnlyList<ThresholdRow> rows) =>
    [
        .. rows
            .GroupBy(r => (Series: $"{r.Construction} ({r.Parameter}, {r.InputDistribution}{(r.Depth == 1 ? "" : $", depth {r.Depth}")})", r.OutputCount))
            .OrderBy(g => g.Key.Series, StringComparer.Ordinal).ThenBy(g => g.Key.OutputCount)
            .Select(g => new Point(g.Key.Series, g.Key.OutputCount, [.. g], [.. g.Where(HasThreshold)])),
    ];

    public static ReportPart Build(IReadOnlyList<ThresholdRow> rows, string outputDirectory)
    {
        if (rows.Count == 0)
        {
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, "needs thresholds.parquet (a sweep with a threshold section); the dataset has none")], "");
        }
        var points = Points(rows);
        if (points.All(p => p.Found.IsEmpty))
        {
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, $"none of the {rows.Count} searches found a threshold (see the status column of thresholds.parquet)")], Section(points));
        }
        Draw(points, Path.Combine(outputDirectory, FileName));
        return new ReportPart([new FigureOutcome(FileName, Description, null)], Section(points));
    }

    private static void Draw(ImmutableArray<Point> points, string path)
    {
        using var plot = Charts.Create("Smallest exact network", "m'  (output features)", "neurons / (√m' · log₂ m')");
        var xs = new List<double>();
        foreach (var series in points.Where(p => !p.Found.IsEmpty).GroupBy(p => p.Series))
        {
            var found = series.Where(p => !p.Found.IsEmpty).ToList();
            var x = Charts.Log10(found.Select(p => (double)p.OutputCount));
            var median = Charts.Measured(plot, x, [.. found.Select(p => Medians.OfSorted(p.Normalised))], $"{series.Key} median");
            // Every search as a marker of the same colour, so the spread over seeds is visible.
            var each = plot.Add.Scatter(
                Charts.Log10(found.SelectMany(p => p.Normalised.Select(_ => (double)p.OutputCount))),
                [.. found.SelectMany(p => p.Normalised)],
                median.Color);
            each.LineWidth = 0;
            each.MarkerSize = 4;
            xs.AddRange(x);
        }
        var lower = points.GroupBy(p => p.OutputCount).OrderBy(g => g.Key).Select(g => g.First()).ToList();
        Charts.Reference(plot, Charts.Log10(lower.Select(p => (double)p.OutputCount)), [.. lower.Select(p => p.LowerNormalised)], "√(m' log₂ m')  (lower)", LinePattern.Dotted);
        Charts.LogAxis(plot.Axes.Bottom, xs);
        plot.Axes.SetLimitsY(0, Math.Max(1, points.SelectMany(p => p.Normalised).DefaultIfEmpty(1).Max()) * 1.1);
        Charts.LegendOutside(plot);
        Charts.Save(plot, path);
    }

    private static string Section(ImmutableArray<Point> points)
    {
        var builder = new StringBuilder();
        builder.AppendLine("## Smallest exact network").AppendLine();
        builder.AppendLine("Per search: the smallest probed value of the parameter with no wrong input (thresholds.parquet); neurons at it divided by √m' · log₂ m'. Median over the searches (replicate seeds) that found one, range in brackets.").AppendLine();
        builder.Append(Text.Table(
            ["series", "m'", "found / searches", "threshold", "neurons at threshold", "neurons / (√m' log₂ m')", "lower bound / (√m' log₂ m')", "not monotone"],
            points.Select(p => (IReadOnlyList<string>)
            [
                p.Series,
                Text.Count(p.OutputCount),
                $"{p.Found.Length} / {p.Searches.Length}",
                p.Found.IsEmpty ? "none" : Spread(p.Thresholds),
                p.Found.IsEmpty ? "n/a" : Text.Count(Medians.OfSorted([.. p.Found.Select(r => (double)r.NeuronCount).Order()])),
                p.Found.IsEmpty ? "n/a" : Spread(p.Normalised),
                Text.Ratio(p.LowerNormalised),
                p.Searches.Count(r => !r.Monotone).ToString(CultureInfo.InvariantCulture),
            ])));
        foreach (var series in points.Where(p => !p.Found.IsEmpty).GroupBy(p => p.Series))
        {
            var all = series.SelectMany(p => p.Normalised).Order().ToList();
            builder.AppendLine().AppendLine($"{series.Key}: empirical constant (median over every search that found a threshold, m' = {Text.Count(series.First().OutputCount)} to {Text.Count(series.Last().OutputCount)}) {Number(Medians.OfSorted(all))}, range {Number(all[0])} to {Number(all[^1])}.");
        }
        return builder.ToString();
    }

    private static string Spread(IReadOnlyList<double> sorted) => $"{Number(Medians.OfSorted(sorted))} ({Number(sorted[0])}–{Number(sorted[^1])})";

    /// <summary>Three significant digits, but whole with separators from 100 up (a wide peer's constant is in the thousands).</summary>
    private static string Number(double value) => Math.Abs(value) >= 100 ? Text.Count(value) : Text.Ratio(value);
}
