using System.Text.Json.Nodes;
using Superposition.Sweeps;
using Superposition.Thresholds;
using Xunit;
using static Superposition.Core.Tests.Specs.SpecSamples;

namespace Superposition.Core.Tests.Specs;

/// <summary>The <c>threshold</c> section of a spec: what it parses to, and each mistake at its path.</summary>
public sealed class ThresholdSpecTests
{
    private static JsonObject Searched(Action<JsonObject>? edit = null) => With(s =>
    {
        var threshold = new JsonObject { ["parameter"] = "neuron_factor", ["low"] = 1.0, ["high"] = 2.5, ["tolerance"] = 0.05 };
        edit?.Invoke(threshold);
        s["threshold"] = threshold;
    });

    [Fact]
    public void A_threshold_section_parses_with_its_defaults_and_the_parameters_open_lower_limit()
    {
        var spec = Valid(Searched());

        var threshold = Assert.IsType<ThresholdSpec>(spec.Threshold);
        Assert.Equal("neuron_factor", threshold.Parameter);
        Assert.Equal("params.neuron_factor", threshold.Field);
        // neuron_factor must be > 0, so the search may go down to 0 + tolerance; 2 expansions by default.
        Assert.Equal(new ThresholdSettings(1.0, 2.5, 0.05, 0.05, 2), threshold.Settings);
        // Upward expansions: [1, 2.5] -> [2.5, 5.5] -> [5.5, 11.5].
        Assert.Equal(11.5, threshold.LargestProbe);
        Assert.Null(Valid(Minimal()).Threshold);
    }

    [Fact]
    public void Probe_runs_are_the_sweeps_runs_with_only_the_parameter_changed()
    {
        var spec = Valid(Searched());
        var plain = SweepExpansion.Expand(Valid(With(s => s["params"] = new JsonObject { ["neuron_factor"] = 1.75 }))).Single();

        var probe = ThresholdProbes.RunsAt(spec, 1.75).Single();

        // The same case as a plain sweep at that value: id, seeds and parameters.
        Assert.Equal((plain.CaseId, plain.ProblemSeed, plain.SampleSeed, plain.ConstructionSeed), (probe.CaseId, probe.ProblemSeed, probe.SampleSeed, probe.ConstructionSeed));
        Assert.Equal(plain.Construction.Values.ToJson(), probe.Construction.Values.ToJson());
        // Another value: the same instance and inputs, another network.
        var other = ThresholdProbes.RunsAt(spec, 2.0).Single();
        Assert.Equal((probe.ProblemSeed, probe.SampleSeed), (other.ProblemSeed, other.SampleSeed));
        Assert.NotEqual(probe.CaseId, other.CaseId);
    }

    [Fact]
    public void Every_malformed_field_is_reported_at_once_at_its_path()
    {
        var errors = Errors(With(s => s["threshold"] = new JsonObject { ["parameter"] = 3, ["low"] = "one", ["tolerance"] = -1, ["max_expansions"] = 11, ["lowest"] = 0 }));

        Assert.Contains("expected a string", errors.At("threshold.parameter").Message, StringComparison.Ordinal);
        Assert.Contains("expected a number", errors.At("threshold.low").Message, StringComparison.Ordinal);
        Assert.Contains("required", errors.At("threshold.high").Message, StringComparison.Ordinal);
        Assert.Contains("at most 10", errors.At("threshold.max_expansions").Message, StringComparison.Ordinal);
        Assert.Contains("unknown field 'lowest'", errors.At("threshold.lowest").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bracket_that_is_no_bracket_is_refused()
    {
        Assert.Contains("greater than low", Errors(Searched(t => t["high"] = 1.0)).At("threshold.high").Message, StringComparison.Ordinal);
        Assert.Contains("greater than 0", Errors(Searched(t => t["tolerance"] = 0)).At("threshold.tolerance").Message, StringComparison.Ordinal);
        Assert.Contains("at most low", Errors(Searched(t => t["min"] = 1.5)).At("threshold.min").Message, StringComparison.Ordinal);
        Assert.Contains("greater than 0", Errors(Searched(t => t["min"] = 0)).At("threshold.min").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("neuron_factr", "not a parameter of superposed-and")]
    [InlineData("input_encoding", "a choice")]
    [InlineData("min_code_width", "a whole number")]
    public void The_parameter_must_be_a_real_parameter_of_the_construction(string parameter, string message)
    {
        var error = Errors(Searched(t => t["parameter"] = parameter)).At("threshold.parameter");

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parameter_must_hold_for_every_construction_of_the_sweep()
    {
        // representation has a neuron_factor too; permutation-only constructions are not in this sweep.
        var spec = Searched();
        spec["axes"] = Axes(new JsonObject { ["construction"] = new JsonArray("superposed-and", "dedicated") });
        Assert.NotNull(Valid(spec).Threshold);

        var blocks = Searched(t => t["parameter"] = "block_factor");
        blocks["axes"] = Axes(new JsonObject { ["construction"] = new JsonArray("superposed-and", "dedicated") });
        Assert.Contains("not a parameter of dedicated", Errors(blocks).At("threshold.parameter").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parameter_may_not_be_set_elsewhere()
    {
        var onAxis = Searched();
        onAxis["axes"] = Axes(new JsonObject { ["params.neuron_factor"] = new JsonArray(1.0, 2.0) });
        var inBase = Searched();
        inBase["params"] = new JsonObject { ["neuron_factor"] = 2.0 };

        Assert.Contains("axes[0]", Errors(onAxis).At("threshold.parameter").Message, StringComparison.Ordinal);
        Assert.Contains("sets 'neuron_factor' itself", Errors(inBase).At("params.neuron_factor").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_largest_probe_whose_network_could_not_be_built_is_refused_at_plan_time()
    {
        // Two expansions take the factor from 1e9 to about 7e9: more neurons than a network may have (an int count).
        var error = Errors(Searched(t => { t["high"] = 1e9; t["max_expansions"] = 2; })).At("threshold.max_expansions");

        Assert.Contains("the largest value a search can probe", error.Message, StringComparison.Ordinal);
        Assert.NotNull(Valid(Searched(t => { t["high"] = 1e7; t["max_expansions"] = 0; })).Threshold);
    }

    [Fact]
    public void More_probes_than_a_sweep_may_run_are_refused()
    {
        var spec = Searched(t => { t["tolerance"] = 1e-12; t["max_expansions"] = 10; });
        spec["replicates"] = 10000;
        spec["axes"] = Axes(new JsonObject { ["problem.output_count"] = new JsonArray(100, 200, 300, 400, 500, 600, 700, 800, 900, 1000) });

        Assert.Contains("probes each exceed", Errors(spec).At("threshold").Message, StringComparison.Ordinal);
    }
}
