using Spectre.Console;
using Superposition.Rows;

namespace Superposition.Cli;

/// <summary>The one-screen summary after a run: one line per construction, m' and input distribution, replicates pooled.</summary>
internal static class Summary
{
    private const int MaxLines = 30;

    public static void Print(IReadOnlyList<CaseRow> rows)
    {
        var table = new Table().AddColumns("construction", "m'", "inputs", "neurons", "weights", "wrong / samples", "error ≤ (95%)", "samples/s", "failed");
        var groups = rows.GroupBy(r => (r.Construction, r.OutputCount, r.InputDistribution)).ToList();
        foreach (var group in groups.Take(MaxLines))
        {
            var ok = group.Where(r => r.Status == "ok").ToList();
            var samples = ok.Sum(r => r.Samples);
            var wrong = ok.Sum(r => r.Samples - r.SamplesCorrect);
            table.AddRow(
                group.Key.Construction,
                group.Key.OutputCount.ToString("N0"),
                group.Key.InputDistribution,
                ok.Count > 0 ? ok.Average(r => (double)r.NeuronCount).ToString("N0") : "-",
                ok.Count > 0 ? ok.Average(r => (double)r.WeightCount).ToString("N0") : "-",
                $"{wrong:N0} / {samples:N0}",
                samples > 0 ? Superposition.Statistics.ErrorStatistics.ClopperPearsonUpper(wrong, samples, 0.05).ToString("0.####") : "-",
                ok.Count > 0 ? ok.Average(r => r.SamplesPerSecond).ToString("N0") : "-",
                (group.Count() - ok.Count).ToString());
        }
        AnsiConsole.Write(table);
        if (groups.Count > MaxLines)
        {
            AnsiConsole.WriteLine($"… {groups.Count - MaxLines} more groups; all rows are in cases.parquet");
        }
    }
}
