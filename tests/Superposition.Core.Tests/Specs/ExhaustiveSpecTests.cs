using System.Text.Json.Nodes;
using Superposition.Sweeps;
using Xunit;
using static Superposition.Core.Tests.Specs.SpecSamples;

namespace Superposition.Core.Tests.Specs;

/// <summary>"inputs": "all" in a spec: what it expands to, and every way to get it wrong, each at its path.</summary>
public sealed class ExhaustiveSpecTests
{
    private static JsonObject AllInputs(int inputCount, string distribution = "uniform", long? maxInputs = null) => With(s =>
    {
        s["problem"]!["input_count"] = inputCount;
        s["problem"]!["output_count"] = 100;
        s["input_distribution"] = distribution;
        var evaluation = new JsonObject { ["inputs"] = "all", ["batch_size"] = 500 };
        if (maxInputs is { } max)
        {
            evaluation["max_inputs"] = max;
        }
        s["evaluation"] = evaluation;
    });

    [Fact]
    public void Every_input_expands_to_runs_of_C_m_s_or_the_sum_up_to_s_inputs()
    {
        var exact = SweepExpansion.Expand(Valid(AllInputs(50))).Single();
        var upTo = SweepExpansion.Expand(Valid(AllInputs(50, "up-to"))).Single();

        Assert.True(exact.Exhaustive);
        Assert.Equal(19_600, exact.Samples);
        Assert.Equal(1 + 50 + 1_225 + 19_600, upTo.Samples);
        Assert.Equal(40, exact.BatchCount);
    }

    [Fact]
    public void Sampled_and_exhaustive_runs_of_a_case_share_its_id()
    {
        var sampled = SweepExpansion.Expand(Valid(With(s => { s["problem"]!["input_count"] = 50; s["problem"]!["output_count"] = 100; }))).Single();
        var exhaustive = SweepExpansion.Expand(Valid(AllInputs(50))).Single();

        Assert.False(sampled.Exhaustive);
        Assert.Equal(sampled.CaseId, exhaustive.CaseId);
    }

    [Fact]
    public void More_inputs_than_the_budget_is_refused_at_evaluation_inputs_with_the_count()
    {
        var error = Errors(AllInputs(1000)).At("evaluation.inputs");

        Assert.Contains("C(m, s) = 166,167,000", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_inputs = 10,000,000", error.Message, StringComparison.Ordinal);
        Assert.Single(Errors(AllInputs(60, maxInputs: 34_000)));
        Valid(AllInputs(60, maxInputs: 34_220));
    }

    [Fact]
    public void A_budget_on_an_axis_of_sizes_names_the_cases_over_it()
    {
        var spec = AllInputs(100);
        spec["axes"] = Axes(new JsonObject { ["problem.input_count"] = new JsonArray(100, 500, 2000) });

        var errors = Errors(spec);

        Assert.Equal(2, errors.Count(e => e.Path == "evaluation.inputs"));
        Assert.Contains(errors, e => e.Message.Contains("m = 500", StringComparison.Ordinal) && e.Message.Contains("problem.input_count=500", StringComparison.Ordinal));
    }

    [Fact]
    public void Samples_beside_every_input_is_refused_at_samples()
    {
        var spec = AllInputs(30);
        spec["evaluation"]!["samples"] = 100;

        var error = Assert.Single(Errors(spec));

        Assert.Equal("evaluation.samples", error.Path);
        Assert.Contains("not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_budget_without_every_input_is_refused_at_max_inputs()
    {
        var error = Assert.Single(Errors(With(s => s["evaluation"]!["max_inputs"] = 1000)));

        Assert.Equal("evaluation.max_inputs", error.Path);
    }

    [Fact]
    public void A_distribution_without_an_enumeration_is_refused_at_input_distribution()
    {
        var error = Assert.Single(Errors(AllInputs(30, "with-true-pair")));

        Assert.Equal("input_distribution", error.Path);
        Assert.Contains("'uniform' (|x| = s) or 'up-to' (|x| ≤ s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"every\"", "evaluation.inputs")]
    [InlineData("3", "evaluation.inputs")]
    [InlineData("0", "evaluation.max_inputs")]
    [InlineData("3000000000", "evaluation.max_inputs")]
    public void Malformed_fields_are_refused_at_their_path(string json, string path)
    {
        var spec = AllInputs(30);
        var field = path["evaluation.".Length..];
        spec["evaluation"]![field] = JsonNode.Parse(json);

        Assert.Contains(Errors(spec), e => e.Path == path);
    }
}
