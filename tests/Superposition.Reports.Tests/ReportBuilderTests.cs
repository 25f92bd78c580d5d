using System.Text.RegularExpressions;
using Superposition.Datasets;
using Superposition.Reports.Tests.Support;
using Superposition.Rows;
using Xunit;

namespace Superposition.Reports.Tests;

public class ReportBuilderTests
{
    private static readonly string[] AllFigures = ["neurons.png", "parameters.png", "transition.png", "crossover.png", "gap.png", "threshold.png", "depth.png", "trained.png"];

    [Fact]
    public void Generate_writes_every_figure_and_the_summary_for_a_complete_dataset()
    {
        using var directory = new TempDirectory();
        var output = directory.PathOf("report");

        var result = ReportBuilder.Generate(SyntheticRows.Everything(), ThresholdFigureTests.Rows, output);

        Assert.Equal([.. AllFigures.Select(f => Path.Combine(output, f)), Path.Combine(output, "summary.md")], result.Files.AsEnumerable());
        Assert.All(result.Figures, f => Assert.True(f.Written, f.SkipReason));
        foreach (var png in result.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            Png.AssertPicture(File.ReadAllBytes(png)).Dispose();
        }
        Assert.Equal(result.Summary, File.ReadAllText(Path.Combine(output, "summary.md")));
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
        Assert.All(AllFigures, f => Assert.Contains($"written: `{f}`", result.Summary, StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_pools_the_error_analysis_of_replicates_into_intervals_means_and_classes()
    {
        using var directory = new TempDirectory();
        // Replicate 0: 45 inputs with one wrong output, 10 with two, 5 with three, 140 right; replicate 1:
        // 17 with one, 4 with two, 42 right. Pooled: 81 wrong of 263 (Newcombe's example), 105 false
        // outputs, Σx² = 163: mean 0.3992, standard error 0.04192 by a two-pass sum over those 263 counts.
        var first = SyntheticRows.Row("superposed-and", 1000, 100, 1000, 2.5, wrong: 60, samples: 200) with
        {
            FalsePositives = 70,
            FalseNegatives = 10,
            FalseOutputSquares = 130,
            FalsePositivesSharingInput = 30,
            SamplesNoTrueOutput = 100,
            SamplesOneTrueOutput = 60,
            SamplesTwoTrueOutputs = 30,
            SamplesThreeOrMoreTrueOutputs = 10,
            WrongNoTrueOutput = 20,
            WrongOneTrueOutput = 25,
            WrongTwoTrueOutputs = 10,
            WrongThreeOrMoreTrueOutputs = 5,
        };
        var second = SyntheticRows.Row("superposed-and", 1000, 100, 1000, 2.5, wrong: 21, samples: 63, replicate: 1) with
        {
            FalsePositives = 25,
            FalseNegatives = 0,
            FalseOutputSquares = 33,
            FalsePositivesSharingInput = 5,
            SamplesNoTrueOutput = 30,
            SamplesOneTrueOutput = 20,
            SamplesTwoTrueOutputs = 10,
            SamplesThreeOrMoreTrueOutputs = 3,
            WrongNoTrueOutput = 6,
            WrongOneTrueOutput = 10,
            WrongTwoTrueOutputs = 3,
            WrongThreeOrMoreTrueOutputs = 2,
        };

        var result = ReportBuilder.Generate([first, second], directory.Root);

        Assert.Contains("## Error analysis", result.Summary, StringComparison.Ordinal);
        var line = result.Summary.Split('\n').Single(l => l.StartsWith("| superposed-and | 1,000 | uniform |", StringComparison.Ordinal) && l.Contains("(se ", StringComparison.Ordinal));
        Assert.Equal(
            "| superposed-and | 1,000 | uniform | 263 | 0.308 | [0.253, 0.368] | [0.255, 0.366] | 0.399 (se 0.0419) | 26 / 130 | 35 / 80 | 13 / 40 | 7 / 13 | 0.368 |",
            line.TrimEnd());
    }

    [Fact]
    public void Generate_reports_the_log_corrected_slopes_of_known_power_laws()
    {
        using var directory = new TempDirectory();

        var result = ReportBuilder.Generate([.. SyntheticRows.Superposed(SyntheticRows.OutputCounts)], directory.Root);

        // neurons = 3 √m' log₂ m', parameters = 2 m' log₂² m': corrected slopes 0.5 and 1, their error about 0.
        var line = result.Summary.Split('\n').Single(l => l.StartsWith("| superposed-and |", StringComparison.Ordinal) && l.Contains(" ± ", StringComparison.Ordinal));
        var slopes = Regex.Matches(line, @"(-?\d+\.\d{3}) ± (\d+\.\d{3})").Select(m => (Slope: double.Parse(m.Groups[1].Value), Error: double.Parse(m.Groups[2].Value))).ToList();
        Assert.Equal(4, slopes.Count);
        Assert.Equal(0.5, slopes[1].Slope, 3);
        Assert.Equal(1.0, slopes[3].Slope, 3);
        Assert.InRange(slopes[0].Slope, 0.55, 0.7);
        Assert.InRange(slopes[1].Error, 0, 0.001);
        Assert.InRange(slopes[3].Error, 0, 0.001);
        Assert.InRange(slopes[0].Error, 0.001, 0.05); // the log factor bends the raw log-log line
        Assert.Contains("| superposed-and | 1,000 | ", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_skips_the_transition_plot_with_a_single_neuron_factor()
    {
        using var directory = new TempDirectory();

        var result = ReportBuilder.Generate([.. SyntheticRows.Superposed(SyntheticRows.OutputCounts), .. SyntheticRows.Dedicated(SyntheticRows.OutputCounts)], directory.Root);

        var transition = result.Figures.Single(f => f.FileName == "transition.png");
        Assert.False(transition.Written);
        Assert.Contains("single superposed-and neuron_factor", transition.SkipReason, StringComparison.Ordinal);
        Assert.Contains("skipped: `transition.png`: the dataset has a single", result.Summary, StringComparison.Ordinal);
        Assert.Contains("skipped: `gap.png`: needs representation and superposed-and rows; the dataset has no representation rows", result.Summary, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.PathOf("transition.png")));
        Assert.True(File.Exists(directory.PathOf("crossover.png")));
    }

    [Fact]
    public void Generate_skips_scaling_plots_when_the_dataset_has_one_m_prime()
    {
        using var directory = new TempDirectory();

        var result = ReportBuilder.Generate([.. SyntheticRows.Transition([1.0, 2.0])], directory.Root);

        Assert.Equal(["transition.png"], result.Figures.Where(f => f.Written).Select(f => f.FileName));
        Assert.Contains("skipped: `neurons.png`: needs at least two values of m', the dataset has one (10,000)", result.Summary, StringComparison.Ordinal);
        Assert.Contains("Slopes need a setting run at two or more values of m'", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_skips_scaling_plots_when_no_setting_has_two_m_prime()
    {
        using var directory = new TempDirectory();

        var result = ReportBuilder.Generate([.. SyntheticRows.Superposed([1000]), .. SyntheticRows.Dedicated([10_000])], directory.Root);

        Assert.Contains("skipped: `neurons.png`: no setting (construction and parameters) was run at two or more values of m'", result.Summary, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.PathOf("neurons.png")));
    }

    [Fact]
    public void Generate_says_when_there_is_no_crossover_in_range()
    {
        using var directory = new TempDirectory();

        var result = ReportBuilder.Generate([.. SyntheticRows.Superposed(SyntheticRows.OutputCounts), .. SyntheticRows.Dedicated(SyntheticRows.OutputCounts)], directory.Root);

        Assert.Contains(
            "no crossover in range (m' from 1,000 to 1,000,000); superposed-and uses fewer neurons than dedicated at every shared m'",
            result.Summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_marks_the_crossover_between_the_measured_m_prime()
    {
        using var directory = new TempDirectory();
        int[] counts = [10, 100, 1000];

        var result = ReportBuilder.Generate([.. SyntheticRows.Superposed(counts), .. SyntheticRows.Dedicated(counts)], directory.Root);

        // 3 √m' log₂ m' against 2 m': 31.5 > 20 at m' = 10, 199.3 < 200 at m' = 100.
        var match = Regex.Match(result.Summary, @"cross at m' ≈ ([\d,]+)");
        Assert.True(match.Success, result.Summary);
        Assert.InRange(double.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal)), 11, 99);
    }

    [Fact]
    public void Generate_leaves_out_rows_that_are_not_ok_and_counts_them()
    {
        using var directory = new TempDirectory();
        var failed = SyntheticRows.Row("superposed-and", 5, 1e12, 1e12, 2.5) with { Status = "failed", Error = "out of memory" };

        var result = ReportBuilder.Generate([.. SyntheticRows.Superposed([1000, 10_000]), failed], directory.Root);

        Assert.Contains("9 rows: 8 ok, 1 not ok (left out).", result.Summary, StringComparison.Ordinal);
        Assert.Contains("1 row(s) failed: out of memory", result.Summary, StringComparison.Ordinal);
        Assert.Contains("m' from 1,000 to 10,000 (2 values)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_removes_a_stale_figure_it_did_not_draw_this_time()
    {
        using var directory = new TempDirectory();
        ReportBuilder.Generate(SyntheticRows.Everything(), directory.Root);

        var result = ReportBuilder.Generate([.. SyntheticRows.Superposed(SyntheticRows.OutputCounts)], directory.Root);

        Assert.False(File.Exists(directory.PathOf("gap.png")));
        Assert.True(File.Exists(directory.PathOf("neurons.png")));
        Assert.Equal(3, result.Files.Length);
    }

    [Fact]
    public void Generate_writes_only_the_summary_for_an_empty_dataset()
    {
        using var directory = new TempDirectory();

        var result = ReportBuilder.Generate([], directory.Root);

        Assert.Equal([directory.PathOf("summary.md")], result.Files.AsEnumerable());
        Assert.All(result.Figures, f => Assert.False(f.Written));
        Assert.Contains("0 rows: 0 ok", result.Summary, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task FromDatasetAsync_reads_every_shard_of_the_dataset()
    {
        using var directory = new TempDirectory();
        var dataset = directory.PathOf("synthetic");
        await Commit(dataset, "shard-0-of-2", [.. SyntheticRows.Superposed(SyntheticRows.OutputCounts)]);
        await Commit(dataset, "shard-1-of-2", [.. SyntheticRows.Dedicated(SyntheticRows.OutputCounts)]);
        File.WriteAllText(Path.Combine(dataset, "cases.parquet.tmp"), "a killed run's leftover");

        var result = await ReportBuilder.FromDatasetAsync(dataset, Path.Combine(dataset, "report"));

        Assert.Contains("20 rows: 20 ok", result.Summary, StringComparison.Ordinal);
        Assert.Contains("written: `crossover.png`", result.Summary, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dataset, "report", "summary.md")));
    }

    [Fact(Timeout = 30_000)]
    public async Task FromDatasetAsync_fails_clearly_on_a_directory_without_cases()
    {
        using var directory = new TempDirectory();

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => ReportBuilder.FromDatasetAsync(directory.Root, directory.PathOf("report")));

        Assert.Contains("no cases*.parquet", error.Message, StringComparison.Ordinal);
    }

    private static async Task Commit(string dataset, string part, IReadOnlyList<CaseRow> rows)
    {
        await using var sink = ParquetDatasetSink.Create(dataset, writeSamples: false, part);
        foreach (var row in rows)
        {
            await sink.WriteAsync(row, [], CancellationToken.None);
        }
        var now = DateTimeOffset.UnixEpoch;
        await sink.CommitAsync(
            new RunManifest("synthetic", "{}", "hash", "test", "commit", now, now, [.. rows.Select(r => new CaseStatus(r.CaseId, r.Replicate, r.Status, r.Error))]),
            CancellationToken.None);
    }
}
