using System.Text.Json.Nodes;
using Superposition.Sweeps;
using Xunit;
using static Superposition.Core.Tests.Specs.SpecSamples;

namespace Superposition.Core.Tests.Specs;

/// <summary>"inputs": "adversarial" in a spec: what it expands to, and its mistakes at their paths.</summary>
public sealed class AdversarialSpecTests
{
    private static JsonObject Searched(string distribution = "uniform", int? budget = 300) => With(s =>
    {
        s["input_distribution"] = distribution;
        var evaluation = new JsonObject { ["inputs"] = "adversarial", ["samples"] = 20, ["batch_size"] = 5 };
        if (budget is { } b)
        {
            evaluation["budget"] = b;
        }
        s["evaluation"] = evaluation;
    });

    [Fact]
    public void Searched_inputs_expand_to_runs_with_the_budget_and_the_samples_as_searches()
    {
        var run = SweepExpansion.Expand(Valid(Searched())).Single();
        var defaulted = SweepExpansion.Expand(Valid(Searched(budget: null))).Single();

        Assert.Equal((300, 20, false), (run.SearchBudget, run.Samples, run.Exhaustive));
        Assert.Equal(1000, defaulted.SearchBudget);
    }

    [Fact]
    public void A_budget_without_a_search_is_refused_at_budget()
    {
        var error = Assert.Single(Errors(With(s => s["evaluation"]!["budget"] = 10)));

        Assert.Equal("evaluation.budget", error.Path);
    }

    [Fact]
    public void A_distribution_other_than_uniform_is_refused_at_input_distribution()
    {
        var error = Assert.Single(Errors(Searched("hubs")));

        Assert.Equal("input_distribution", error.Path);
        Assert.Contains("s-subsets", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000001")]
    [InlineData("\"many\"")]
    public void A_malformed_budget_is_refused_at_its_path(string json)
    {
        var spec = Searched();
        spec["evaluation"]!["budget"] = JsonNode.Parse(json);

        Assert.Contains(Errors(spec), e => e.Path == "evaluation.budget");
    }
}
