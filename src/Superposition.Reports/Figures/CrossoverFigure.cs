using System.Text;
using ScottPlot;
using Superposition.Constructions;
using Superposition.Reports.Analysis;
using Superposition.Reports.Plotting;

namespace Superposition.Reports.Figures;

/// <summary>
/// Neurons of superposed-and against the dedicated baseline (one neuron per pair, no output
/// superposition) as m' grows, with the crossover m' marked: where superposition starts to pay
/// (docs/mathematics.md §6). The crossing is interpolated on log scales between the measured m'.
/// </summary>
internal static class CrossoverFigure
{
    public const string FileName = "crossover.png";

    private const string Description = "neurons of superposed-and against dedicated, log-log, with the crossover m' marked";

    /// <summary>One superposed-and setting against one dedicated setting, over the m' both have.</summary>
    public sealed record Comparison(Setting Superposed, Setting Dedicated, IReadOnlyList<CurvePoint> SuperposedNeurons, IReadOnlyList<CurvePoint> DedicatedNeurons)
    {
        public IReadOnlyList<double> Crossings { get; } = Crossovers.Find(SuperposedNeurons, DedicatedNeurons);

        /// <summary>The m' both curves have, ascending, with both neuron counts.</summary>
        public IReadOnlyList<(double OutputCount, double Superposed, double Dedicated)> Shared { get; } =
            [.. SuperposedNeurons.Join(DedicatedNeurons, p => p.X, q => q.X, (p, q) => (p.X, p.Y, q.Y)).OrderBy(t => t.Item1)];

        /// <summary>"superposed-and" or, when several settings are compared, both labels.</summary>
        public string Label(bool several) => several ? $"{Superposed.Label} against {Dedicated.Label}" : "superposed-and against dedicated";
    }

    public static ReportPart Build(IReadOnlyList<Setting> settings, string outputDirectory)
    {
        var superposed = Settings.Relabel(settings.Where(s => s.Plays(ConstructionRole.ComputesProblem, "and") && s.OutputCountValues >= 2));
        var dedicated = Settings.Relabel(settings.Where(s => s.Plays(ConstructionRole.OnePerPairBaseline) && s.OutputCountValues >= 2));
        if (superposed.IsEmpty || dedicated.IsEmpty)
        {
            var missing = superposed.IsEmpty ? "superposed-and" : "dedicated";
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, $"needs superposed-and and dedicated rows at two or more values of m'; the dataset has no such {missing} rows")], "");
        }
        var comparisons = superposed
            .SelectMany(s => dedicated.Select(d => new Comparison(s, d, s.MeanByOutputCount(r => r.NeuronCount), d.MeanByOutputCount(r => r.NeuronCount))))
            .Where(c => c.Shared.Count >= 2)
            .ToList();
        if (comparisons.Count == 0)
        {
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, "superposed-and and dedicated share fewer than two values of m'")], "");
        }
        Draw(comparisons, Path.Combine(outputDirectory, FileName));
        return new ReportPart([new FigureOutcome(FileName, Description, null)], Section(comparisons));
    }

    private static void Draw(List<Comparison> comparisons, string path)
    {
        using var plot = Charts.Create("Crossover with dedicated", "m'  (output features: pairs computed)", "neurons (input + hidden + output)");
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var setting in comparisons.Select(c => c.Superposed).Distinct().Concat(comparisons.Select(c => c.Dedicated).Distinct()))
        {
            var curve = setting.MeanByOutputCount(r => r.NeuronCount).Where(p => p.X > 0 && p.Y > 0).ToList();
            var x = Charts.Log10(curve.Select(p => p.X));
            var y = Charts.Log10(curve.Select(p => p.Y));
            Charts.Measured(plot, x, y, setting.Label);
            xs.AddRange(x);
            ys.AddRange(y);
        }
        var several = comparisons.Count > 1;
        foreach (var comparison in comparisons)
        {
            foreach (var crossing in comparison.Crossings)
            {
                var line = plot.Add.VerticalLine(Math.Log10(crossing), 2, Colors.Black, LinePattern.Dashed);
                line.LegendText = $"crossover m' ≈ {Text.Count(Math.Round(crossing))}" + (several ? $" ({comparison.Label(several)})" : "");
            }
        }
        Charts.LogAxis(plot.Axes.Bottom, xs);
        Charts.LogAxis(plot.Axes.Left, ys);
        Charts.LegendOutside(plot);
        Charts.Save(plot, path);
    }

    private static string Section(List<Comparison> comparisons)
    {
        var builder = new StringBuilder();
        builder.AppendLine("## Crossover: superposed-and against dedicated").AppendLine();
        var several = comparisons.Count > 1;
        foreach (var comparison in comparisons)
        {
            var range = $"m' from {Text.Count(comparison.Shared[0].OutputCount)} to {Text.Count(comparison.Shared[^1].OutputCount)}";
            if (comparison.Crossings.Count > 0)
            {
                builder.AppendLine($"- {comparison.Label(several)}: the neuron counts cross at m' ≈ {string.Join(", ", comparison.Crossings.Select(c => Text.Count(Math.Round(c))))} (interpolated on log scales, {range}).");
            }
            else
            {
                var fewer = comparison.Shared[0].Superposed < comparison.Shared[0].Dedicated ? "fewer" : "more";
                builder.AppendLine($"- {comparison.Label(several)}: no crossover in range ({range}); superposed-and uses {fewer} neurons than dedicated at every shared m'.");
            }
        }
        builder.AppendLine();
        builder.Append(Text.Table(
            ["comparison", "m'", "superposed-and neurons", "dedicated neurons", "superposed-and / dedicated"],
            comparisons.SelectMany(c => c.Shared.Select(point => (IReadOnlyList<string>)
            [
                c.Label(several),
                Text.Count(point.OutputCount),
                Text.Count(point.Superposed),
                Text.Count(point.Dedicated),
                Text.Ratio(point.Superposed / point.Dedicated),
            ]))));
        return builder.ToString();
    }
}
