using Superposition.Cli.Tests.Support;
using Superposition.Datasets;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// A threshold sweep through the command line: plan describes it, run writes cases, thresholds and
/// manifest as one commit that DuckDB joins, report draws it, and what it cannot do (shards, resume) or
/// a malformed section is refused with exit 2 before anything is written.
/// </summary>
[Collection("console")]
public class ThresholdRunCliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);

    // At m = 30, superposed-and's size is set by its blocks: block_factor 0.5 makes errors, 4 none; every input is checked.
    private const string Smallest = """
        { "name": "smallest", "seed": 5, "replicates": 2, "construction": "superposed-and",
          "problem": { "kind": "and", "graph": "random", "input_count": 30, "output_count": 300, "sparsity": 3 },
          "params": { "neuron_factor": 1.0 },
          "axes": [ { "input_distribution": ["uniform", "up-to"] } ],
          "evaluation": { "inputs": "all", "batch_size": 500 },
          "threshold": { "parameter": "block_factor", "low": 0.5, "high": 4, "tolerance": 0.25, "max_expansions": 1 } }
        """;

    [Fact]
    public async Task Plan_describes_the_searches_and_their_largest_probe()
    {
        using var directory = new TemporaryDirectory();
        var (output, exit) = await InProcess.CaptureAsync("plan", TestSpecs.Write(directory, "smallest", Smallest));

        Assert.Equal(0, exit);
        var text = string.Join(' ', output.Split((char[])['\n', '\r'], StringSplitOptions.TrimEntries)); // the console wraps long lines
        Assert.Contains("threshold sweep: each run above is one search of params.block_factor, first bracket [0.5, 4], tolerance 0.25", text, StringComparison.Ordinal);
        Assert.Contains("(listed at 11, memory-checked at both ends)", text, StringComparison.Ordinal);
        Assert.Contains("smallest: 4 runs", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_commits_probes_and_thresholds_together_and_DuckDB_joins_them()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "smallest", Smallest);

        var (output, exit) = await InProcess.CaptureAsync("run", spec, "--out", directory["out"]);

        Assert.Equal(0, exit);
        var dataset = Path.Combine(directory["out"], "smallest");
        var complete = await DatasetReader.ReadDatasetAsync(dataset).WaitAsync(Timeout);
        Assert.Equal(4, complete.Thresholds.Count);
        Assert.Equal(complete.Thresholds.Sum(t => t.Probes), complete.Cases.Count);
        Assert.All(complete.Thresholds, t => Assert.Equal("found", t.Status));

        var thresholds = Path.Combine(dataset, "thresholds.parquet");
        var cases = Path.Combine(dataset, "cases.parquet");
        Assert.Equal(4, DatasetFiles.DuckDbCount($"SELECT count(*) FROM read_parquet('{thresholds}')"));
        // Each threshold's probe is in cases.parquet, exact on every input, with the neurons the threshold row reports.
        Assert.Equal(4, DatasetFiles.DuckDbCount(
            $"SELECT count(*) FROM read_parquet('{thresholds}') t JOIN read_parquet('{cases}') c ON c.case_id = t.threshold_case_id AND c.replicate = t.replicate " +
            "WHERE c.samples = c.samples_correct AND c.exhaustive AND c.neuron_count = t.neuron_count AND t.bracket_high - t.bracket_low <= t.tolerance"));
        Assert.Contains("[search 4/4] superposed-and m'=300 up-to rep 1: found, block_factor = ", output, StringComparison.Ordinal);

        var report = await InProcess.InvokeAsync("report", dataset);
        Assert.True(report.Exit == 0, report.Error);
        var png = await File.ReadAllBytesAsync(Path.Combine(dataset, "report", "threshold.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Contains("## Smallest exact network", await File.ReadAllTextAsync(Path.Combine(dataset, "report", "summary.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--resume")]
    [InlineData("--shard", "0/2")]
    public async Task Shards_and_resume_are_refused_before_anything_is_written(params string[] option)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "smallest", Smallest);

        var run = await InProcess.InvokeAsync(["run", spec, "--out", directory["out"], .. option]);

        Assert.Equal(2, run.Exit);
        Assert.Contains("--shard and --resume do not apply", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory["out"], "smallest")));
    }

    [Fact]
    public async Task A_malformed_section_lists_every_problem_at_its_path_and_writes_nothing()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "bad", Smallest
            .Replace("\"name\": \"smallest\"", "\"name\": \"bad\"", StringComparison.Ordinal)
            .Replace("\"parameter\": \"block_factor\", \"low\": 0.5, \"high\": 4, \"tolerance\": 0.25", "\"parameter\": \"input_encoding\", \"low\": 4, \"high\": 0.5, \"tolerance\": 0", StringComparison.Ordinal));

        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.Equal((2, 2), (plan.Exit, run.Exit));
        Assert.Contains("threshold.high: must be greater than low", plan.Error, StringComparison.Ordinal);
        Assert.Contains("threshold.tolerance: must be greater than 0", plan.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory["out"], "bad")));
    }
}
