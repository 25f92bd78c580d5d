using System.Collections.Immutable;
using System.Text;
using ScottPlot;
using Superposition.Constructions;
using Superposition.Reports.Analysis;
using Superposition.Reports.Plotting;

namespace Superposition.Reports.Figures;

/// <summary>
/// Representing against computing (docs/mathematics.md §1 and §6): the code width the
/// representation baseline needs to hold m' sparse outputs without error, O(log m'), beside the neurons
/// superposed-and needs to compute them, O(√m' · log m'). When the dataset sweeps the baseline's
/// neuron_factor, each m' takes the smallest code that had no wrong sample.
/// </summary>
internal static class GapFigure
{
    public const string FileName = "gap.png";

    private const string Description = "code width needed to represent m' outputs (representation) beside neurons needed to compute them (superposed-and), log-log";

    /// <summary>The representation code chosen at one m': its neurons, the setting it came from, and its pooled errors.</summary>
    public sealed record CodeChoice(int OutputCount, double Neurons, Setting Setting, PooledErrors Errors);

    /// <summary>
    /// At each m': with one representation setting, that setting (clean or not); with several, the
    /// smallest-neuron setting with no wrong sample, none when no setting was clean at that m'.
    /// </summary>
    public static ImmutableArray<CodeChoice> Choose(IReadOnlyList<Setting> representation)
    {
        var candidates = representation
            .SelectMany(s => s.Rows.GroupBy(r => r.OutputCount).Select(g => new CodeChoice(g.Key, g.Average(r => (double)r.NeuronCount), s, PooledErrors.Of(g))))
            .GroupBy(c => c.OutputCount)
            .OrderBy(g => g.Key);
        return representation.Count == 1
            ? [.. candidates.Select(g => g.First())]
            :
            [
                .. candidates
                    .Select(g => g.Where(c => c.Errors.Samples > 0 && c.Errors.WrongSamples == 0).OrderBy(c => c.Neurons).FirstOrDefault())
                    .OfType<CodeChoice>(),
            ];
    }

    public static ReportPart Build(IReadOnlyList<Setting> settings, string outputDirectory)
    {
        var representation = settings.Where(s => s.Plays(ConstructionRole.RepresentsOnly)).ToList();
        var superposed = settings.Where(s => s.Plays(ConstructionRole.ComputesProblem, "and")).ToList();
        if (representation.Count == 0 || superposed.Count == 0)
        {
            var missing = representation.Count == 0 ? "representation" : "superposed-and";
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, $"needs representation and superposed-and rows; the dataset has no {missing} rows")], "");
        }
        var choices = Choose(representation);
        var allCounts = representation.SelectMany(s => s.Rows).Select(r => r.OutputCount).Distinct().Order().ToList();
        superposed = [.. Settings.Relabel(superposed.Where(s => s.OutputCountValues >= 2))];
        if (choices.Length < 2 || superposed.Count == 0)
        {
            var reason = choices.Length < 2 && representation.Count > 1
                ? $"needs a clean representation code at two or more values of m'; found one at {choices.Length} of {allCounts.Count}"
                : "needs representation and a superposed-and setting at two or more values of m' each";
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, reason)], "");
        }
        Draw(choices, superposed, representation.Count > 1, Path.Combine(outputDirectory, FileName));
        return new ReportPart([new FigureOutcome(FileName, Description, null)], Section(choices, superposed, representation.Count > 1, allCounts));
    }

    private static void Draw(ImmutableArray<CodeChoice> choices, List<Setting> superposed, bool swept, string path)
    {
        using var plot = Charts.Create("Representing vs computing", "m'  (output features)", "neurons");
        var xs = new List<double>();
        var ys = new List<double>();
        var repX = Charts.Log10(choices.Select(c => (double)c.OutputCount));
        var repY = Charts.Log10(choices.Select(c => c.Neurons));
        Charts.Measured(plot, repX, repY, swept ? "representation (smallest clean)" : choices[0].Setting.Label);
        xs.AddRange(repX);
        ys.AddRange(repY);
        foreach (var setting in superposed)
        {
            var curve = setting.MeanByOutputCount(r => r.NeuronCount).Where(p => p.X > 0 && p.Y > 0).ToList();
            var x = Charts.Log10(curve.Select(p => p.X));
            var y = Charts.Log10(curve.Select(p => p.Y));
            Charts.Measured(plot, x, y, setting.Label);
            xs.AddRange(x);
            ys.AddRange(y);
        }
        var counts = xs.Distinct().Order().Select(x => Math.Pow(10, x)).Where(m => m > 1).ToList();
        var logCurve = Charts.Log10(counts.Select(Math.Log2));
        var upperCurve = Charts.Log10(counts.Select(m => Math.Sqrt(m) * Math.Log2(m)));
        Charts.Reference(plot, Charts.Log10(counts), logCurve, "log₂ m'", LinePattern.Dotted);
        Charts.Reference(plot, Charts.Log10(counts), upperCurve, "√m' · log₂ m'", LinePattern.Dashed);
        ys.AddRange(logCurve);
        ys.AddRange(upperCurve);
        Charts.LogAxis(plot.Axes.Bottom, xs);
        Charts.LogAxis(plot.Axes.Left, ys);
        Charts.LegendOutside(plot);
        Charts.Save(plot, path);
    }

    private static string Section(ImmutableArray<CodeChoice> choices, List<Setting> superposed, bool swept, List<int> allCounts)
    {
        var builder = new StringBuilder();
        builder.AppendLine("## Representing against computing").AppendLine();
        builder.AppendLine(swept
            ? "Representation code: at each m', the smallest neuron_count among its settings with no wrong sample."
            : $"Representation code: the dataset's single setting ({choices[0].Setting.Label}), clean or not (see the wrong column).");
        var missing = allCounts.Except(choices.Select(c => c.OutputCount)).ToList();
        if (missing.Count > 0)
        {
            builder.AppendLine($"No representation setting was clean at m' = {string.Join(", ", missing.Select(m => Text.Count(m)))}; those m' are left out.");
        }
        var fit = LineFit.LogLog([.. choices.Where(c => c.OutputCount > 1).Select(c => new CurvePoint(Math.Log2(c.OutputCount), c.Neurons))]);
        builder.AppendLine($"Slope of log(code width) on log(log₂ m'): {Text.Slope(fit)} (about 1 when the width grows like log m').").AppendLine();
        var superposedNeurons = superposed.Select(s => (s.Label, Curve: s.MeanByOutputCount(r => r.NeuronCount))).ToList();
        builder.Append(Text.Table(
            ["m'", "representation neurons", "representation setting", "representation wrong / samples", .. superposedNeurons.Select(s => $"{s.Label} neurons"), .. superposedNeurons.Select(s => $"{s.Label} / representation")],
            choices.Select(c =>
            {
                var computing = superposedNeurons.Select(s => s.Curve.Where(p => p.X == c.OutputCount).Select(p => p.Y).DefaultIfEmpty(double.NaN).First()).ToList();
                return (IReadOnlyList<string>)
                [
                    Text.Count(c.OutputCount),
                    Text.Count(c.Neurons),
                    c.Setting.Label,
                    $"{Text.Count(c.Errors.WrongSamples)} / {Text.Count(c.Errors.Samples)}",
                    .. computing.Select(Text.Count),
                    .. computing.Select(n => Text.Ratio(n / c.Neurons)),
                ];
            })));
        return builder.ToString();
    }
}
