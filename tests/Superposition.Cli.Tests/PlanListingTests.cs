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
        var rows = lines.Where(line => line.Split('\t') is { Length: 10 } cells && int.TryParse(cells[0], out _)).ToList();
        Assert.Equal(Enumerable.Range(0, 60).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(row => row.Split('\t')[0]));
        Assert.DoesNotContain("more runs", all, StringComparison.Ordinal);
    }
}
