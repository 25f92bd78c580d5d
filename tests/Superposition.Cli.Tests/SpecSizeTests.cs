using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// Hard cases of spec-level sizes: each is rejected by `plan` and by `run` alike, with exit 2, at the JSON
/// path of the field that causes it, quickly and with nothing written.
/// </summary>
[Collection("console")]
public class SpecSizeTests
{
    public static TheoryData<string, string, string> HardCases => new()
    {
        // C(s,2) × batch_size overflows 32 bits: 4096·4095/2 × 10^6 true outputs per batch.
        { "pairs-times-batch", """ "problem": { "kind": "and", "graph": "random", "input_count": 100000, "output_count": 1000, "sparsity": 4096 }, "evaluation": { "samples": 1000000, "batch_size": 1000000 } """, "evaluation.batch_size" },
        { "sparsity-65536", """ "problem": { "kind": "and", "graph": "random", "input_count": 1000000, "output_count": 1000, "sparsity": 65536 }, "evaluation": { "samples": 10, "batch_size": 10 } """, "problem.sparsity" },
        { "sparsity-100000", """ "problem": { "kind": "and", "graph": "random", "input_count": 1000000, "output_count": 1000, "sparsity": 100000 }, "evaluation": { "samples": 10, "batch_size": 10 } """, "problem.sparsity" },
        { "one-huge-batch", """ "problem": { "kind": "and", "graph": "random", "input_count": 1000, "output_count": 100, "sparsity": 3 }, "evaluation": { "samples": 2147483647, "batch_size": 2147483647 } """, "evaluation.batch_size" },
        { "batch-1e8", """ "problem": { "kind": "and", "graph": "random", "input_count": 1000, "output_count": 100, "sparsity": 3 }, "evaluation": { "samples": 100000000, "batch_size": 100000000 } """, "evaluation.batch_size" },
        { "sparsity-over-m", """ "problem": { "kind": "and", "graph": "random", "input_count": 10, "output_count": 5, "sparsity": 11 }, "evaluation": { "samples": 10, "batch_size": 10 } """, "problem.sparsity" },
    };

    [Theory]
    [MemberData(nameof(HardCases))]
    public async Task Plan_and_run_reject_the_size_at_its_field(string name, string fields, string path)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, name, $$"""{ "name": "{{name}}", "seed": 1, "construction": "dedicated", {{fields}} }""");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.True((plan.Exit, run.Exit) == (2, 2), $"plan {plan.Exit}: {plan.Error}\nrun {run.Exit}: {run.Error}");
        Assert.Contains($"  - {path}: ", plan.Error, StringComparison.Ordinal);
        Assert.Contains($"  - {path}: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(Path.Exists(directory["out"]));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"took {clock.Elapsed} to reject");
    }

    [Fact]
    public async Task A_sparsity_set_on_an_axis_is_reported_at_that_axis_entry()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "axis", """
            { "name": "axis", "seed": 1, "construction": "dedicated",
              "problem": { "kind": "and", "graph": "random", "input_count": 1000000, "output_count": 1000 },
              "axes": [ { "problem.sparsity": [3, 65536] } ], "evaluation": { "samples": 10, "batch_size": 10 } }
            """);

        var plan = await InProcess.InvokeAsync("plan", spec);

        Assert.Equal(2, plan.Exit);
        Assert.Contains("  - axes[0].problem.sparsity[1]: ", plan.Error, StringComparison.Ordinal);
        Assert.Contains("1 problem", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_axes_are_reported_at_axes_only()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "empty-axes", """
            { "name": "empty-axes", "seed": 1, "problem": { "kind": "and", "graph": "random", "input_count": 30 }, "axes": [] }
            """);

        var plan = await InProcess.InvokeAsync("plan", spec);

        Assert.Equal(2, plan.Exit);
        var problems = plan.Error.Split('\n').Where(line => line.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 1 && problems[0].StartsWith("  - axes: ", StringComparison.Ordinal), plan.Error);
        Assert.Contains("problem.output_count", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_axes_with_every_required_field_in_the_base_is_a_sweep_of_one_case()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "one-case", """
            { "name": "one-case", "seed": 1, "construction": "dedicated", "problem": { "kind": "and", "graph": "random", "input_count": 30, "output_count": 10, "sparsity": 2 }, "axes": [] }
            """);

        var plan = await InProcess.InvokeAsync("plan", spec);

        Assert.True(plan.Exit == 0, plan.Error);
    }

    [Theory]
    [InlineData("ab\\n")]
    [InlineData("ab\\r")]
    [InlineData("\\nab")]
    public async Task A_name_with_a_line_break_is_rejected_at_name(string name)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "named", $$"""
            { "name": "{{name}}", "seed": 1, "problem": { "kind": "and", "graph": "random", "input_count": 30, "output_count": 10, "sparsity": 2 }, "construction": "dedicated" }
            """);

        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.Equal((2, 2), (plan.Exit, run.Exit));
        Assert.Contains("  - name: ", plan.Error, StringComparison.Ordinal);
        Assert.False(Path.Exists(directory["out"]));
    }

    [Fact]
    public async Task Run_refuses_samples_kept_beyond_memory_but_plan_and_run_without_samples_accept_them()
    {
        using var directory = new TemporaryDirectory();
        // 2^31 - 1 samples kept with --samples need about 2.4 TB (1120 bytes each at s = 2); without --samples they stream.
        var spec = TestSpecs.Write(directory, "kept", """
            { "name": "kept", "seed": 1, "problem": { "kind": "and", "graph": "random", "input_count": 30, "output_count": 10, "sparsity": 2 },
              "construction": "dedicated", "evaluation": { "samples": 2147483647, "batch_size": 1000 } }
            """);

        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--samples");

        Assert.True(plan.Exit == 0, plan.Error);
        Assert.True(run.Exit == 2, run.Error);
        Assert.Contains("samples kept for samples.parquet", run.Error, StringComparison.Ordinal);
        Assert.False(Path.Exists(directory["out"]));
    }
}
