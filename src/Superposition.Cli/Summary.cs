using System.Globalization;
using Spectre.Console;
using Superposition.Reports.Analysis;
using Superposition.Rows;
using Superposition.Statistics;

namespace Superposition.Cli;

/// <summary>
/// The one-screen summary after a run: one line per setting (construction, its parameters and the
/// problem family, as <c>report</c> groups them), m' and input distribution, replicates pooled. Rows of
/// different settings are never averaged together: superposed-and at neuron_factor 1.0 and 2.5 are
/// two lines, labelled by the parameter that differs.
/// </summary>
internal static class Summary
{
    private const int MaxLines = 30;

    /// <summary>One line of the table, before formatting.</summary>
    internal sealed record Line(string Setting, int OutputCount, string InputDistribution, IReadOnlyList<CaseRow> Rows)
    {
        public IReadOnlyList<CaseRow> Ok { get; } = [.. Rows.Where(r => r.Status == "ok")];

        public long Samples => Ok.Sum(r => r.Samples);

        public long Wrong => Ok.Sum(r => r.Samples - r.SamplesCorrect);

        public long FalseOutputs => Ok.Sum(r => r.FalsePositives + r.FalseNegatives);

        public double? MeanNeurons => Ok.Count > 0 ? Ok.Average(r => (double)r.NeuronCount) : null;

        public double? MeanWeights => Ok.Count > 0 ? Ok.Average(r => (double)r.WeightCount) : null;

        public int Failed => Rows.Count - Ok.Count;
    }

    /// <summary>The table's lines: settings in the order they first appear, then m' and input distribution as the rows come.</summary>
    internal static IReadOnlyList<Line> Lines(IReadOnlyList<CaseRow> rows) =>
        [
            .. Settings.Of(rows).SelectMany(setting => setting.Rows
                .GroupBy(r => (r.OutputCount, r.InputDistribution))
                .Select(group => new Line(setting.Label, group.Key.OutputCount, group.Key.InputDistribution, [.. group]))),
        ];

    private static string Wilson(long wrong, long samples)
    {
        var (lower, upper) = ProportionIntervals.Wilson(wrong, samples, 0.05);
        return $"{Rate(lower)}–{Rate(upper)}";
    }

    /// <summary>Three significant digits, so that a bound of 8e-7 from millions of inputs does not print as 0.</summary>
    private static string Rate(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    public static void Print(IReadOnlyList<CaseRow> rows)
    {
        var table = new Table().AddColumns("setting", "m'", "inputs", "neurons", "weights", "wrong / samples", "error ≤ (95%)", "Wilson 95%", "false outputs / input", "samples/s", "failed");
        var lines = Lines(rows);
        foreach (var line in lines.Take(MaxLines))
        {
            table.AddRow(
                Markup.Escape(line.Setting),
                line.OutputCount.ToString("N0"),
                line.InputDistribution,
                line.MeanNeurons?.ToString("N0") ?? "-",
                line.MeanWeights?.ToString("N0") ?? "-",
                $"{line.Wrong:N0} / {line.Samples:N0}",
                line.Samples > 0 ? Rate(ErrorStatistics.ClopperPearsonUpper(line.Wrong, line.Samples, 0.05)) : "-",
                line.Samples > 0 ? Wilson(line.Wrong, line.Samples) : "-",
                line.Samples > 0 ? Rate((double)line.FalseOutputs / line.Samples) : "-",
                line.Ok.Count > 0 ? line.Ok.Average(r => r.SamplesPerSecond).ToString("N0") : "-",
                line.Failed.ToString());
        }
        AnsiConsole.Write(table);
        if (lines.Count > MaxLines)
        {
            AnsiConsole.WriteLine($"… {lines.Count - MaxLines} more lines; all rows are in cases.parquet");
        }
    }
}
