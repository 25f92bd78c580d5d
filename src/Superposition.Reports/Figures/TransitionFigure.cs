using System.Collections.Immutable;
using System.Text;
using ScottPlot;
using Superposition.Constructions;
using Superposition.Reports.Analysis;
using Superposition.Reports.Plotting;

namespace Superposition.Reports.Figures;

/// <summary>
/// Sample error rate of superposed-and against its neuron factor c_n, one series per m' (and per input
/// distribution when there are several), with the 95% Clopper–Pearson upper bound as an error bar: the
/// construction's sharp transition from failing to exact as n_0 = ⌈c_n · b · √(s·m')⌉ grows
/// (docs/mathematics.md §7, invariant 8). Counts are pooled over replicates before the rate is taken.
/// </summary>
internal static class TransitionFigure
{
    public const string FileName = "transition.png";

    public const string NeuronFactor = "neuron_factor";

    private const string Description = "superposed-and sample error rate (with 95% Clopper–Pearson upper bound) against neuron_factor c_n, per m'";

    /// <summary>One series: its label and its pooled errors at each c_n, ascending.</summary>
    public sealed record Series(string Label, ImmutableArray<(double NeuronFactor, PooledErrors Errors)> Points)
    {
        /// <summary>The smallest c_n from which every larger c_n of the series had no wrong sample, or null.</summary>
        public double? CleanFrom()
        {
            double? from = null;
            for (var i = Points.Length - 1; i >= 0 && Points[i].Errors.WrongSamples == 0 && Points[i].Errors.Samples > 0; i--)
            {
                from = Points[i].NeuronFactor;
            }
            return from;
        }
    }

    public static ReportPart Build(IReadOnlyList<Setting> settings, string outputDirectory)
    {
        var superposed = settings.Where(s => s.Plays(ConstructionRole.ComputesProblem, "and") && s.Number(NeuronFactor) is not null).ToList();
        var factors = superposed.Select(s => s.Number(NeuronFactor)!.Value).Distinct().Order().ToList();
        if (factors.Count < 2)
        {
            var reason = factors.Count == 0
                ? "no superposed-and rows with a neuron_factor"
                : $"the dataset has a single superposed-and neuron_factor c_n ({Text.Ratio(factors[0])})";
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, reason)], "");
        }
        var series = SeriesOf(superposed);
        if (series.IsEmpty)
        {
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, "no m' has superposed-and at two or more neuron_factor values")], "");
        }
        Draw(series, Path.Combine(outputDirectory, FileName));
        return new ReportPart([new FigureOutcome(FileName, Description, null)], Section(series));
    }

    /// <summary>
    /// Series keyed by m', input distribution and the other parameters that vary between the
    /// superposed-and settings; only series with two or more c_n are kept (a transition needs them).
    /// The label names the distribution and those parameters only when they differ between the series kept.
    /// </summary>
    public static ImmutableArray<Series> SeriesOf(IReadOnlyList<Setting> superposed)
    {
        var varying = superposed
            .SelectMany(s => s.Parameters.Keys)
            .Distinct()
            .Where(key => key != NeuronFactor && superposed.Select(s => s.Parameters.GetValueOrDefault(key)).Distinct().Count() > 1)
            .Order(StringComparer.Ordinal)
            .ToList();
        var groups = superposed
            .SelectMany(s => s.Rows.Select(row => (
                Row: row,
                Factor: s.Number(NeuronFactor)!.Value,
                Others: string.Join(", ", varying.Select(key => $"{key}={s.Parameters.GetValueOrDefault(key, "-")}")))))
            .GroupBy(r => (r.Row.OutputCount, r.Row.InputDistribution, r.Others))
            .Where(g => g.Select(r => r.Factor).Distinct().Count() >= 2)
            .OrderBy(g => g.Key.OutputCount).ThenBy(g => g.Key.InputDistribution, StringComparer.Ordinal).ThenBy(g => g.Key.Others, StringComparer.Ordinal)
            .ToList();
        var manyDistributions = groups.Select(g => g.Key.InputDistribution).Distinct().Count() > 1;
        var manyOthers = groups.Select(g => g.Key.Others).Distinct().Count() > 1;
        return
        [
            .. groups.Select(g => new Series(
                $"m' = {Text.Count(g.Key.OutputCount)}"
                    + (manyDistributions ? $", {g.Key.InputDistribution}" : "")
                    + (manyOthers ? $", {g.Key.Others}" : ""),
                [.. g.GroupBy(r => r.Factor).OrderBy(f => f.Key).Select(f => (f.Key, PooledErrors.Of(f.Select(r => r.Row))))])),
        ];
    }

    private static void Draw(ImmutableArray<Series> series, string path)
    {
        using var plot = Charts.Create(
            "Superposed-and: error rate against neuron factor",
            "neuron factor c_n  (n₀ = ⌈c_n · b · √(s·m')⌉, dimensionless)",
            "sample error rate  (fraction of inputs)");
        foreach (var one in series)
        {
            var xs = one.Points.Select(p => p.NeuronFactor).ToArray();
            var ys = one.Points.Select(p => p.Errors.Rate).ToArray();
            var scatter = Charts.Measured(plot, xs, ys, one.Label);
            var bars = plot.Add.ErrorBar(xs, ys, [.. one.Points.Select(p => p.Errors.Upper95 - p.Errors.Rate)]);
            bars.YErrorNegative = [.. xs.Select(_ => 0.0)];
            bars.Color = scatter.Color;
            bars.LineWidth = 1.5f;
        }
        var note = plot.Add.ScatterLine(Array.Empty<double>(), Array.Empty<double>(), Colors.DimGray);
        note.LegendText = "bars: 95% Clopper–Pearson upper bound";
        plot.Axes.SetLimitsY(-0.02, 1.02);
        Charts.LegendOutside(plot);
        Charts.Save(plot, path);
    }

    private static string Section(ImmutableArray<Series> series)
    {
        var builder = new StringBuilder();
        builder.AppendLine("## Error transition (superposed-and)").AppendLine();
        builder.AppendLine("Wrong samples pooled over replicates; the upper bound is the two-sided 95% Clopper–Pearson bound of the pooled counts.").AppendLine();
        builder.Append(Text.Table(
            ["series", "clean from c_n", "c_n values"],
            series.Select(s => (IReadOnlyList<string>)
            [
                s.Label,
                s.CleanFrom() is { } from ? Text.Ratio(from) : "none (the largest c_n still had wrong samples)",
                string.Join(", ", s.Points.Select(p => Text.Ratio(p.NeuronFactor))),
            ])));
        builder.AppendLine();
        builder.Append(Text.Table(
            ["series", "c_n", "samples", "wrong", "error rate", "upper 95%"],
            series.SelectMany(s => s.Points.Select(p => (IReadOnlyList<string>)
            [
                s.Label, Text.Ratio(p.NeuronFactor), Text.Count(p.Errors.Samples), Text.Count(p.Errors.WrongSamples), Text.Ratio(p.Errors.Rate), Text.Ratio(p.Errors.Upper95),
            ]))));
        return builder.ToString();
    }
}
