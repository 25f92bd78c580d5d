using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Superposition.Constructions;
using Superposition.Reports.Analysis;
using Superposition.Reports.Plotting;

namespace Superposition.Reports.Figures;

/// <summary>
/// Circuits (docs/mathematics.md §8): the sample error rate of a circuit construction against the
/// circuit's depth, one series per m', input distribution, re-thresholding and setting of the other
/// parameters that vary, with the 95%
/// Clopper–Pearson upper bound as an error bar; and a table of neurons and parameters per layer
/// against the gates per layer. Drawn when a dataset holds circuit rows at two or more depths.
/// </summary>
internal static class DepthFigure
{
    public const string FileName = "depth.png";

    private const string Description = "circuit sample error rate (with 95% Clopper–Pearson upper bound) against depth, per m', input distribution, rethreshold and any other varying parameter";

    /// <summary>One series: its label and the pooled errors at each depth, ascending.</summary>
    public sealed record Series(string Label, ImmutableArray<(int Depth, PooledErrors Errors)> Points);

    /// <summary>One row of the resources table: gates per layer, depth, rethreshold, and per-layer means.</summary>
    public sealed record LayerResources(int Gates, int Depth, string Rethreshold, double NeuronsPerLayer, double ParametersPerLayer);

    public static ReportPart Build(IReadOnlyList<Setting> settings, string outputDirectory)
    {
        var circuits = Circuits(settings);
        var depths = circuits.SelectMany(s => s.Rows).Select(r => r.Depth).Distinct().Count();
        if (depths < 2)
        {
            var reason = circuits.Count == 0 ? "no circuit rows" : "the dataset has circuits of a single depth";
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, reason)], "");
        }
        var series = SeriesOf(circuits);
        Draw(series, Path.Combine(outputDirectory, FileName));
        return new ReportPart([new FigureOutcome(FileName, Description, null)], Section(series, ResourcesOf(circuits)));
    }

    private static List<Setting> Circuits(IReadOnlyList<Setting> settings) =>
        [.. settings.Where(s => s.Plays(ConstructionRole.ComputesProblem, "circuit"))];

    private static string Rethreshold(Setting setting) => setting.Parameters.GetValueOrDefault("rethreshold", "-");

    /// <summary>
    /// Series keyed by m', input distribution, rethreshold and every other construction parameter that
    /// differs between the circuit settings (stage thresholds, say), so settings are never pooled;
    /// counts pooled over replicates at each depth.
    /// </summary>
    public static ImmutableArray<Series> SeriesOf(IReadOnlyList<Setting> settings)
    {
        var circuits = Circuits(settings);
        var varying = circuits.SelectMany(s => s.Parameters.Keys)
            .Where(key => key != "rethreshold" && !key.StartsWith("problem.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Where(key => circuits.Select(s => s.Parameters.GetValueOrDefault(key, "-")).Distinct(StringComparer.Ordinal).Count() > 1)
            .Order(StringComparer.Ordinal)
            .ToList();
        string Others(Setting setting) => string.Concat(varying.Select(key => $", {key}={setting.Parameters.GetValueOrDefault(key, "-")}"));
        var rows = circuits.SelectMany(s => s.Rows.Select(row => (Row: row, Rethreshold: Rethreshold(s), Others: Others(s))));
        return
        [
            .. rows
                .GroupBy(r => (r.Row.OutputCount, r.Row.InputDistribution, r.Rethreshold, r.Others))
                .OrderBy(g => g.Key.OutputCount).ThenBy(g => g.Key.InputDistribution, StringComparer.Ordinal).ThenBy(g => g.Key.Rethreshold, StringComparer.Ordinal).ThenBy(g => g.Key.Others, StringComparer.Ordinal)
                .Select(g => new Series(
                    $"m' = {Text.Count(g.Key.OutputCount)}, {g.Key.InputDistribution}, rethreshold {g.Key.Rethreshold}{g.Key.Others}",
                    [.. g.GroupBy(r => r.Row.Depth).OrderBy(d => d.Key).Select(d => (d.Key, PooledErrors.Of(d.Select(r => r.Row))))])),
        ];
    }

    /// <summary>Neurons (all but the input neurons) and parameters divided by the depth, averaged over the rows of each (gates, depth, rethreshold).</summary>
    public static ImmutableArray<LayerResources> ResourcesOf(IReadOnlyList<Setting> settings)
    {
        var rows = Circuits(settings).SelectMany(s => s.Rows.Where(r => r.Status == "ok").Select(row => (Row: row, Rethreshold: Rethreshold(s))));
        return
        [
            .. rows
                .GroupBy(r => (r.Row.OutputCount, r.Row.Depth, r.Rethreshold))
                .OrderBy(g => g.Key.OutputCount).ThenBy(g => g.Key.Depth).ThenBy(g => g.Key.Rethreshold, StringComparer.Ordinal)
                .Select(g => new LayerResources(
                    g.Key.OutputCount,
                    g.Key.Depth,
                    g.Key.Rethreshold,
                    g.Average(r => (double)(r.Row.NeuronCount - r.Row.InputNeurons) / r.Row.Depth),
                    g.Average(r => (double)r.Row.ParameterCount / r.Row.Depth))),
        ];
    }

    private static void Draw(ImmutableArray<Series> series, string path)
    {
        using var plot = Charts.Create(
            "Circuits: error rate against depth",
            "depth d  (layers of gates)",
            "sample error rate  (fraction of inputs)");
        foreach (var one in series)
        {
            var xs = one.Points.Select(p => (double)p.Depth).ToArray();
            var ys = one.Points.Select(p => p.Errors.Rate).ToArray();
            var scatter = Charts.Measured(plot, xs, ys, one.Label);
            var bars = plot.Add.ErrorBar(xs, ys, [.. one.Points.Select(p => p.Errors.Upper95 - p.Errors.Rate)]);
            bars.YErrorNegative = [.. xs.Select(_ => 0.0)];
            bars.Color = scatter.Color;
            bars.LineWidth = 1.5f;
        }
        plot.Axes.SetLimitsY(-0.02, 1.02);
        Charts.LegendOutside(plot);
        Charts.Save(plot, path);
    }

    private static string Section(ImmutableArray<Series> series, ImmutableArray<LayerResources> resources)
    {
        var builder = new StringBuilder();
        builder.AppendLine("## Circuits: error rate against depth").AppendLine();
        builder.AppendLine("Wrong samples pooled over replicates; the upper bound is the two-sided 95% Clopper–Pearson bound of the pooled counts.").AppendLine();
        builder.Append(Text.Table(
            ["series", "depth", "samples", "wrong", "error rate", "upper 95%"],
            series.SelectMany(s => s.Points.Select(p => (IReadOnlyList<string>)
            [
                s.Label, p.Depth.ToString(CultureInfo.InvariantCulture), Text.Count(p.Errors.Samples), Text.Count(p.Errors.WrongSamples), Text.Ratio(p.Errors.Rate), Text.Ratio(p.Errors.Upper95),
            ]))));
        builder.AppendLine();
        builder.AppendLine("Neurons (input neurons left out) and parameters per layer: the totals divided by the depth.").AppendLine();
        builder.Append(Text.Table(
            ["gates per layer", "depth", "rethreshold", "neurons per layer", "parameters per layer"],
            resources.Select(r => (IReadOnlyList<string>)
            [
                Text.Count(r.Gates), r.Depth.ToString(CultureInfo.InvariantCulture), r.Rethreshold, Text.Count((long)Math.Round(r.NeuronsPerLayer)), Text.Count((long)Math.Round(r.ParametersPerLayer)),
            ])));
        return builder.ToString();
    }
}
