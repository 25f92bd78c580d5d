using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>`plan` lists a screenful and counts the rest, or every run with --all.</summary>
[Collection("console")]
public class PlanListingTests
{
    private const string Spec = """
        { "name": "listing", "seed": 1, "replicates": 3, "construction": "dedicated",
          "problem": { "kind": "and", "graph": "random", "input_count": 30, "sparsity": 2 },
          "axes": [ { "problem.output_count": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] } ] }
        """;

    [Fact]
    public async Task Plan_summarises_beyond_a_screenful_and_lists_every_run_with_all()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "listing", Spec);

        var (summary, summaryExit) = await InProcess.CaptureAsync("plan", spec);
        var (all, allExit) = await InProcess.CaptureAsync("plan", spec, "--all");

        Assert.Equal((0, 0), (summaryExit, allExit));
        Assert.Contains($"… and {60 - 40} more runs", summary, StringComparison.Ordinal);
        Assert.Contains("listing: 60 runs (20 cases × replicates)", summary, StringComparison.Ordinal);
        var lines = all.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var rows = lines.Where(line => line.Split('\t') is { Length: 11 } cells && int.TryParse(cells[0], out _)).ToList();
        Assert.Equal(Enumerable.Range(0, 60).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(row => row.Split('\t')[0]));
        Assert.DoesNotContain("more runs", all, StringComparison.Ordinal);
        Assert.All(rows, row => Assert.Equal("1", row.Split('\t')[7]));
    }

    /// <summary>A circuit sweep over depth: the "d" column of each run is its case's depth, in the order of the axis.</summary>
    [Fact]
    public async Task Plan_lists_the_depth_of_circuit_cases()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "depths", """
            { "name": "depths", "seed": 1, "replicates": 1, "construction": "superposed-circuit",
              "problem": { "kind": "circuit", "graph": "random-layered", "input_count": 20, "output_count": 12, "sparsity": 3 },
              "axes": [ { "problem.depth": [2, 4, 3] } ] }
            """);
        var (all, exit) = await InProcess.CaptureAsync("plan", spec, "--all");
        var (table, tableExit) = await InProcess.CaptureAsync("plan", spec);
        Assert.Equal((0, 0), (exit, tableExit));
        var lines = all.Split('\n').Select(line => line.TrimEnd('\r').Split('\t')).ToList();
        var header = lines.First(cells => cells[0] == "#");
        var rows = lines.Where(cells => cells.Length == header.Length && int.TryParse(cells[0], out _)).ToList();
        Assert.Equal(["2", "4", "3"], rows.Select(cells => cells[Array.IndexOf(header, "d")]));
        Assert.Contains("│ d ", table, StringComparison.Ordinal);
    }
}
