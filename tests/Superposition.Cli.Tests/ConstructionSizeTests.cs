using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// Hard cases of construction sizes: counts derived from construction parameters (neurons, code entries,
/// nonzeros of M, the block layout) that would overflow an int or an array, or need more memory than the
/// machine has, are rejected by `plan` and by `run` alike with exit 2, at `params.&lt;name&gt;` of the
/// parameter that drives them, quickly and with nothing written.
/// </summary>
[Collection("console")]
public class ConstructionSizeTests
{
    /// <summary>m = 10^5 inputs, m' = 5000 random pairs at s = 3: superposed inputs (n_0 ≈ 3980 &lt; m), and up to 384 heavy inputs an instance can have.</summary>
    private const string Superposed = """ "problem": { "kind": "and", "graph": "power-law", "input_count": 100000, "output_count": 5000, "sparsity": 3 } """;

    private const string Small = """ "problem": { "kind": "and", "graph": "random", "input_count": 1000, "output_count": 500, "sparsity": 3 } """;

    public static TheoryData<string, string, string> HardCases => new()
    {
        { "block-noise-1e300", $$""" "construction": "superposed-and", {{Superposed}}, "params": { "block_noise_factor": 1e300 } """, "params.block_noise_factor" },
        { "block-layout-past-int", $$""" "construction": "superposed-and", {{Superposed}}, "params": { "block_factor": 1e7 } """, "params.block_factor" },
        { "tiny-neuron-factor", $$""" "construction": "superposed-and", {{Small}}, "params": { "neuron_factor": 1e-9 } """, "params.neuron_factor" },
        { "huge-neuron-factor", $$""" "construction": "superposed-and", {{Small}}, "params": { "neuron_factor": 1e300 } """, "params.neuron_factor" },
        { "huge-code-width-factor", $$""" "construction": "superposed-and", {{Small}}, "params": { "code_width_factor": 1e300 } """, "params.code_width_factor" },
        { "huge-min-code-width", $$""" "construction": "superposed-permutation", "problem": { "kind": "permutation", "graph": "permutation", "input_count": 1000, "output_count": 1000, "sparsity": 3 }, "params": { "min_code_width": 2147483647 } """, "params.min_code_width" },
        { "huge-gate-slope", $$""" "construction": "superposed-and", {{Small}}, "params": { "gate_slope": 1e300 } """, "params.gate_slope" },
        { "channel-threshold-2", $$""" "construction": "superposed-and", {{Small}}, "params": { "channel_threshold": 2 } """, "params.channel_threshold" },
        { "connection-probability-over-1", $$""" "construction": "random-and", {{Small}}, "params": { "connection_probability": 1.5 } """, "params.connection_probability" },
        { "random-and-int-max-neurons", $$""" "construction": "random-and", {{Small}}, "params": { "neurons": 2147483647 } """, "params.neurons" },
        { "representation-huge-neuron-factor", $$""" "construction": "representation", {{Small}}, "params": { "neuron_factor": 1e300 } """, "params.neuron_factor" },
        { "trained-too-many-steps", """ "construction": "trained", "problem": { "kind": "and", "graph": "complete", "input_count": 100, "output_count": 4950, "sparsity": 3 }, "params": { "steps": 1000000000 } """, "params.steps" },
        { "trained-too-wide", """ "construction": "trained", "problem": { "kind": "and", "graph": "complete", "input_count": 100, "output_count": 4950, "sparsity": 3 }, "params": { "hidden_width": 100000, "steps": 1 } """, "params.hidden_width" },
        { "pairs-past-one-array", """ "construction": "dedicated", "problem": { "kind": "and", "graph": "random", "input_count": 100000, "output_count": 1500000000, "sparsity": 3 } """, "problem.output_count" },
    };

    [Theory]
    [MemberData(nameof(HardCases))]
    public async Task Plan_and_run_reject_the_size_at_the_parameter_that_drives_it(string name, string fields, string path)
    {
        var (plan, run, written) = await PlanAndRun(name, fields);

        Assert.True((plan.Exit, run.Exit) == (2, 2), $"plan {plan.Exit}: {plan.Error}\nrun {run.Exit}: {run.Error}");
        Assert.Contains($"  - {path}: ", plan.Error, StringComparison.Ordinal);
        Assert.Contains($"  - {path}: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", plan.Error + run.Error, StringComparison.Ordinal);
        Assert.False(written);
    }

    [Fact]
    public async Task A_heavy_block_layout_of_many_gigabytes_is_refused_by_the_memory_estimate_before_anything_is_built()
    {
        // 384 possible heavy inputs × ⌈10^5 · 3 · 13⌉ neurons per block: 1.5 · 10^9 neurons fit an int, not the machine.
        var (plan, run, written) = await PlanAndRun("heavy-blocks", $$""" "construction": "superposed-and", {{Superposed}}, "params": { "block_factor": 1e5 } """);

        Assert.True((plan.Exit, run.Exit) == (2, 2), $"plan {plan.Exit}: {plan.Error}\nrun {run.Exit}: {run.Error}");
        Assert.Contains("the largest run needs an estimated", plan.Error, StringComparison.Ordinal);
        Assert.Contains("the largest run needs an estimated", run.Error, StringComparison.Ordinal);
        Assert.False(written);
    }

    [Fact]
    public async Task A_64_bit_value_on_an_axis_is_reported_at_that_axis_entry()
    {
        var (plan, run, written) = await PlanAndRun("axis-64", $$""" "construction": "random-and", {{Small}}, "axes": [ { "params.neurons": [100, 4294967296] } ] """);

        Assert.True((plan.Exit, run.Exit) == (2, 2), $"plan {plan.Exit}: {plan.Error}\nrun {run.Exit}: {run.Error}");
        Assert.Contains("  - axes[0].params.neurons[1]: ", plan.Error, StringComparison.Ordinal);
        Assert.Contains("  - axes[0].params.neurons[1]: ", run.Error, StringComparison.Ordinal);
        Assert.False(written);
    }

    [Fact]
    public async Task The_same_layer_with_default_factors_is_accepted()
    {
        // The control: the problem of the hard cases is fine with default parameters, so the rejections above are the parameters'.
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "control", $$"""{ "name": "control", "seed": 1, "construction": "superposed-and", {{Superposed}}, "evaluation": { "samples": 10, "batch_size": 10 } }""");

        var plan = await InProcess.InvokeAsync("plan", spec);

        Assert.True(plan.Exit == 0, plan.Error);
    }

    private static async Task<(CliResult Plan, CliResult Run, bool Written)> PlanAndRun(string name, string fields)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, name, $$"""{ "name": "{{name}}", "seed": 1, {{fields}}, "evaluation": { "samples": 10, "batch_size": 10 } }""");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"took {clock.Elapsed} to reject");
        return (plan, run, Path.Exists(directory["out"]));
    }
}
