using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>The smallest problems and failing constructions, end to end through the pipeline and the command line.</summary>
[Collection("console")]
public class EdgeCaseTests
{
    [Fact]
    public async Task Run_handles_one_input_active_one_output_two_inputs_and_a_complete_graph()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "edges", TestSpecs.Edges);

        var result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.True(result.Exit == 0, result.Error);
        var rows = await DatasetFiles.CasesAsync(Path.Combine(directory["out"], "edges", "cases.parquet"));
        Assert.Equal(4 * 4 * 2 * 2, rows.Count);
        Assert.All(rows, row => Assert.True(row.Status == "ok" && row.Samples == 40, $"{row.Construction} m={row.InputCount} m'={row.OutputCount} s={row.Sparsity}: {row.Error}"));
        // s = 1: no pair is ever fully active, so no output is ever true.
        Assert.All(rows.Where(row => row.Sparsity == 1), row => Assert.Equal(0, row.TrueOutputs));
        // m = 2, s = 2, uniform: both inputs are always active, so the single pair is true on every sample.
        Assert.All(rows.Where(row => row.InputCount == 2 && row.Sparsity == 2 && row.InputDistribution == "uniform"), row => Assert.Equal(40, row.TrueOutputs));
        // The dedicated construction is exact on every shape.
        Assert.All(rows.Where(row => row.Construction == "dedicated"), row => Assert.Equal(row.Samples, row.SamplesCorrect));
        Assert.Contains(rows, row => row.Graph == "complete" && row.OutputCount == 15 && row.InputCount == 6);
    }

    [Fact]
    public async Task Plan_and_run_reject_with_true_pair_inputs_at_sparsity_1_as_a_spec_error()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "pair", """
            { "name": "pair", "seed": 1, "problem": { "kind": "and", "graph": "random", "input_count": 10, "output_count": 5, "sparsity": 1 },
              "construction": "dedicated", "input_distribution": "with-true-pair", "evaluation": { "samples": 10, "batch_size": 5 } }
            """);

        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.Equal((2, 2), (plan.Exit, run.Exit));
        Assert.Contains("with-true-pair", run.Error, StringComparison.Ordinal);
        Assert.Contains("input_distribution", run.Error, StringComparison.Ordinal);
        Assert.False(Path.Exists(directory["out"]));
    }

    /// <summary>
    /// Power laws whose draws cannot place every pair asked for (once failed rows after `plan` said yes), now
    /// topped up: `plan` accepts them and `run` writes every row ok. The first is the steepest law on every
    /// pair of m = 20.
    /// </summary>
    [Theory]
    [InlineData(20, 190, 4.0)]
    [InlineData(20, 150, 3.0)]
    [InlineData(2, 1, 4.0)]
    [InlineData(200, 19900, 4.0)]
    [InlineData(1000, 60000, 3.5)]
    public async Task Plan_and_run_finish_every_power_law_request_up_to_every_pair(int inputs, int outputs, double exponent)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "steep", $$"""
            { "name": "steep", "seed": 1, "replicates": 3,
              "problem": { "kind": "and", "graph": "power-law", "input_count": {{inputs}}, "output_count": {{outputs}}, "sparsity": 2, "power_law_exponent": {{exponent.ToString(System.Globalization.CultureInfo.InvariantCulture)}} },
              "axes": [ { "construction": ["dedicated", "superposed-and"] } ],
              "evaluation": { "samples": 10, "batch_size": 5 } }
            """);

        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--stop-on-first-error");

        Assert.True(plan.Exit == 0, plan.Error);
        Assert.True(run.Exit == 0, run.Error);
        var rows = await DatasetFiles.CasesAsync(Path.Combine(directory["out"], "steep", "cases.parquet"));
        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.True(row.Status == "ok" && row.OutputCount == outputs, $"{row.Construction}: {row.Status} {row.Error}"));
    }

    [Fact]
    public async Task Run_writes_a_failed_row_with_its_error_for_a_construction_that_fails_and_goes_on()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "failing", TestSpecs.FailingFirst);

        CliResult result;
        using (BuildFault.OfCase(0))
        {
            result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);
        }

        Assert.True(result.Exit == 0, result.Error);
        var rows = await DatasetFiles.CasesAsync(Path.Combine(directory["out"], "failing", "cases.parquet"));
        Assert.Equal(["failed", "ok"], rows.Select(row => row.Status));
        Assert.Equal(["power-law", "random"], rows.Select(row => row.Graph));
        Assert.Contains(BuildFault.Message, rows[0].Error, StringComparison.Ordinal);
        Assert.Null(rows[1].Error);
    }

    [Fact]
    public async Task Run_with_stop_on_first_error_exits_1_and_writes_nothing()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "failing", TestSpecs.FailingFirst);

        CliResult result;
        using (BuildFault.OfCase(0))
        {
            result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--stop-on-first-error");
        }

        Assert.Equal(1, result.Exit);
        Assert.Contains(BuildFault.Message, result.Error, StringComparison.Ordinal);
        Assert.Contains("no dataset was written", result.Error, StringComparison.Ordinal);
        Assert.False(Path.Exists(directory["out"]));
    }
}
