using System.Collections.Immutable;
using System.Text;
using Superposition.Reports.Analysis;

namespace Superposition.Reports.Figures;

/// <summary>
/// The statistics a reader needs to judge an error rate, per setting, m' and input distribution with
/// replicates pooled: both 95% intervals of the sample error rate (Clopper–Pearson, conservative;
/// Wilson, close to nominal), the expected number of wrong outputs per input with its standard error,
/// the error rate by the number of true outputs of the input, and the share of false positives whose
/// output reads an active input. A section of summary.md, no figure.
/// </summary>
internal static class ErrorAnalysisSection
{
    private const int MaxLines = 60;

    public static ReportPart Build(IReadOnlyList<Setting> settings)
    {
        var lines = settings
            .SelectMany(s => s.Rows
                .GroupBy(r => (r.OutputCount, r.InputDistribution))
                .OrderBy(g => g.Key.OutputCount)
                .Select(g => (Setting: s.Label, g.Key.OutputCount, g.Key.InputDistribution, Errors: PooledErrorAnalysis.Of(g))))
            .Where(line => line.Errors.Samples > 0)
            .ToList();
        if (lines.Count == 0)
        {
            return new ReportPart(ImmutableArray<FigureOutcome>.Empty, "");
        }
        var builder = new StringBuilder();
        builder.AppendLine("## Error analysis").AppendLine();
        builder.AppendLine("Replicates pooled. Error rate: inputs with at least one wrong output (its complement is the probability that an input is fully correct), with the two-sided 95% Clopper–Pearson and Wilson intervals. False outputs: the mean number of false positives plus false negatives per input, with its standard error (se). By true outputs: wrong / samples among inputs with 0, 1, 2 and 3 or more true outputs. Sharing: the share of false positives whose output reads an active input.").AppendLine();
        builder.Append(Text.Table(
            ["setting", "m'", "inputs", "samples", "error rate", "Clopper–Pearson 95%", "Wilson 95%", "false outputs / input", "0 true", "1 true", "2 true", "≥3 true", "sharing"],
            lines.Take(MaxLines).Select(line => (IReadOnlyList<string>)
            [
                line.Setting,
                Text.Count(line.OutputCount),
                line.InputDistribution,
                Text.Count(line.Errors.Samples),
                Text.Ratio(line.Errors.Samples == 0 ? double.NaN : (double)line.Errors.WrongSamples / line.Errors.Samples),
                Interval(line.Errors.ClopperPearson95),
                Interval(line.Errors.Wilson95),
                $"{Text.Ratio(line.Errors.FalseOutputsPerSample)} (se {Text.Ratio(line.Errors.FalseOutputsPerSampleStderr)})",
                Fraction(line.Errors.Classes.WrongNone, line.Errors.Classes.SamplesNone),
                Fraction(line.Errors.Classes.WrongOne, line.Errors.Classes.SamplesOne),
                Fraction(line.Errors.Classes.WrongTwo, line.Errors.Classes.SamplesTwo),
                Fraction(line.Errors.Classes.WrongThreeOrMore, line.Errors.Classes.SamplesThreeOrMore),
                Text.Ratio(line.Errors.SharingShare),
            ])));
        if (lines.Count > MaxLines)
        {
            builder.AppendLine().AppendLine($"… {lines.Count - MaxLines} more lines; every count is in cases.parquet.");
        }
        return new ReportPart(ImmutableArray<FigureOutcome>.Empty, builder.ToString());
    }

    private static string Interval((double Lower, double Upper) interval) => $"[{Text.Ratio(interval.Lower)}, {Text.Ratio(interval.Upper)}]";

    private static string Fraction(long wrong, long samples) => samples == 0 ? "-" : $"{Text.Count(wrong)} / {Text.Count(samples)}";
}
