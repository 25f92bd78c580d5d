using System.Text;
using ScottPlot;
using Superposition.Reports.Analysis;
using Superposition.Reports.Plotting;
using Superposition.Rows;

namespace Superposition.Reports.Figures;

/// <summary>
/// Neurons and parameters against m' on log-log axes beside the reference curves of docs/mathematics.md
/// §5 (constant 1), and the fitted exponents that test the paper's claims: O(√m' · log m')
/// neurons and O(m' · log² m') parameters for superposed-and, against the Ω(√(m' log m')) and
/// Ω(m' log m') lower bounds. Each setting run at two or more m' is one series, averaged over
/// replicates and input distributions.
/// </summary>
internal static class ScalingFigures
{
    public const string NeuronsFile = "neurons.png";

    public const string ParametersFile = "parameters.png";

    private const string NeuronsDescription = "neurons (neuron_count) against m', log-log, one series per setting, with √(m' log₂ m') and √m' · log₂ m'";

    private const string ParametersDescription = "parameters (parameter_count) against m', log-log, one series per setting, with m' log₂ m' and m' log₂² m'";

    public static ReportPart Build(IReadOnlyList<Setting> all, string outputDirectory)
    {
        var rows = all.SelectMany(s => s.Rows).ToList();
        var outputCounts = rows.Select(r => r.OutputCount).Distinct().Order().ToList();
        if (outputCounts.Count < 2)
        {
            var reason = outputCounts.Count == 0
                ? "no ok rows"
                : $"needs at least two values of m', the dataset has one ({Text.Count(outputCounts[0])})";
            return new ReportPart(
                [FigureOutcome.Skipped(NeuronsFile, NeuronsDescription, reason), FigureOutcome.Skipped(ParametersFile, ParametersDescription, reason)],
                outputCounts.Count == 0 ? "" : Section(all, [], withFits: false));
        }
        var settings = Settings.Relabel(all.Where(s => s.OutputCountValues >= 2));
        if (settings.IsEmpty)
        {
            const string reason = "no setting (construction and parameters) was run at two or more values of m'";
            return new ReportPart(
                [FigureOutcome.Skipped(NeuronsFile, NeuronsDescription, reason), FigureOutcome.Skipped(ParametersFile, ParametersDescription, reason)],
                Section(all, [], withFits: false));
        }
        Draw(
            settings, rows, Path.Combine(outputDirectory, NeuronsFile),
            "Neurons against m'", "neurons (input + hidden + output)", r => r.NeuronCount,
            ("√(m' log₂ m')  (lower)", r => r.RefNeuronsLower, LinePattern.Dotted),
            ("√m' · log₂ m'  (upper)", r => r.RefNeuronsUpper, LinePattern.Dashed));
        Draw(
            settings, rows, Path.Combine(outputDirectory, ParametersFile),
            "Parameters against m'", "parameters (nonzero weights + biases)", r => r.ParameterCount,
            ("m' log₂ m'  (lower)", r => r.RefParametersLower, LinePattern.Dotted),
            ("m' log₂² m'  (upper)", r => r.RefParametersUpper, LinePattern.Dashed));
        return new ReportPart(
            [new FigureOutcome(NeuronsFile, NeuronsDescription, null), new FigureOutcome(ParametersFile, ParametersDescription, null)],
            Section(settings, [.. all.Where(s => s.OutputCountValues < 2)], withFits: true));
    }

    /// <summary>Fitted exponents for one setting: raw and log-corrected, for neurons and parameters.</summary>
    public static (LineFit? Neurons, LineFit? NeuronsPerLog, LineFit? Parameters, LineFit? ParametersPerLogSquared) Fits(Setting setting)
    {
        var neurons = setting.MeanByOutputCount(r => r.NeuronCount);
        var parameters = setting.MeanByOutputCount(r => r.ParameterCount);
        return (
            LineFit.LogLog(neurons),
            LineFit.LogLog(Curves.Divide(neurons, Math.Log2)),
            LineFit.LogLog(parameters),
            LineFit.LogLog(Curves.Divide(parameters, m => Math.Log2(m) * Math.Log2(m))));
    }

    private static void Draw(
        IReadOnlyList<Setting> settings,
        List<CaseRow> rows,
        string path,
        string title,
        string yLabel,
        Func<CaseRow, double> value,
        params (string Label, Func<CaseRow, double> Column, LinePattern Pattern)[] references)
    {
        using var plot = Charts.Create(title, "m'  (output features: pairs computed)", yLabel);
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var setting in settings)
        {
            var curve = setting.MeanByOutputCount(value).Where(p => p.X > 0 && p.Y > 0).ToList();
            if (curve.Count == 0)
            {
                continue;
            }
            var x = Charts.Log10(curve.Select(p => p.X));
            var y = Charts.Log10(curve.Select(p => p.Y));
            Charts.Measured(plot, x, y, setting.Label);
            xs.AddRange(x);
            ys.AddRange(y);
        }
        foreach (var (label, column, pattern) in references)
        {
            var curve = Curves.MeanByOutputCount(rows, column).Where(p => p.X > 0 && p.Y > 0).ToList();
            var y = Charts.Log10(curve.Select(p => p.Y));
            Charts.Reference(plot, Charts.Log10(curve.Select(p => p.X)), y, label, pattern);
            ys.AddRange(y);
        }
        Charts.LogAxis(plot.Axes.Bottom, xs);
        Charts.LogAxis(plot.Axes.Left, ys);
        Charts.LegendOutside(plot);
        Charts.Save(plot, path);
    }

    /// <summary>The scaling section: fits and ratios of <paramref name="settings"/>, and the names of the <paramref name="single"/>-m' settings left out.</summary>
    private static string Section(IReadOnlyList<Setting> settings, IReadOnlyList<Setting> single, bool withFits)
    {
        var builder = new StringBuilder();
        builder.AppendLine("## Scaling against the bounds").AppendLine();
        if (withFits)
        {
            builder.AppendLine("Least-squares slopes of log size on log m' over the per-m' means, ± the slope's standard error.");
            builder.AppendLine("The log-corrected slopes divide out the log factors of the upper bound: for superposed-and,");
            builder.AppendLine("O(√m' · log m') neurons and O(m' · log² m') parameters predict about 0.5 and 1.").AppendLine();
            builder.Append(Text.Table(
                ["series", "m' values", "neurons", "neurons / log₂ m'", "parameters", "parameters / log₂² m'"],
                settings.Select(setting =>
                {
                    var fits = Fits(setting);
                    var counts = setting.Rows.Select(r => r.OutputCount).Distinct().Order().ToList();
                    return (IReadOnlyList<string>)
                    [
                        setting.Label,
                        $"{counts.Count} ({Text.Count(counts[0])} to {Text.Count(counts[^1])})",
                        Text.Slope(fits.Neurons),
                        Text.Slope(fits.NeuronsPerLog),
                        Text.Slope(fits.Parameters),
                        Text.Slope(fits.ParametersPerLogSquared),
                    ];
                })));
            builder.AppendLine();
            if (single.Count > 0)
            {
                builder.AppendLine($"Run at a single m', so left out of the scaling figures and tables: {string.Join("; ", single.Select(s => s.Label))}.").AppendLine();
            }
        }
        else
        {
            builder.AppendLine("Slopes need a setting run at two or more values of m'; the sizes follow.").AppendLine();
        }
        builder.AppendLine("Sizes relative to the reference curves (constant 1). A ratio that stays flat as m' grows means the size grows like that curve.").AppendLine();
        builder.Append(Text.Table(
            ["series", "m'", "neurons", "neurons / (√m' · log₂ m')", "neurons / √(m' log₂ m')", "parameters", "parameters / (m' log₂² m')", "parameters / (m' log₂ m')"],
            settings.SelectMany(setting => setting.Rows.GroupBy(r => r.OutputCount).OrderBy(g => g.Key).Select(g =>
            {
                var neurons = g.Average(r => (double)r.NeuronCount);
                var parameters = g.Average(r => (double)r.ParameterCount);
                return (IReadOnlyList<string>)
                [
                    setting.Label,
                    Text.Count(g.Key),
                    Text.Count(neurons),
                    Text.Ratio(neurons / g.Average(r => r.RefNeuronsUpper)),
                    Text.Ratio(neurons / g.Average(r => r.RefNeuronsLower)),
                    Text.Count(parameters),
                    Text.Ratio(parameters / g.Average(r => r.RefParametersUpper)),
                    Text.Ratio(parameters / g.Average(r => r.RefParametersLower)),
                ];
            }))));
        return builder.ToString();
    }
}
