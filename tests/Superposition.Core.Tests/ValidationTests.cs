using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;
using Xunit;

namespace Superposition.Core.Tests;

public class ValidationTests
{
    private static readonly ProblemSpec Valid = new(ProblemKind.And, "random", 20, 30, 3);

    public static TheoryData<ProblemSpec, string> InvalidProblems => new()
    {
        { Valid with { OutputCount = 191 }, "output_count" },
        { Valid with { Sparsity = 0 }, "sparsity" },
        { Valid with { Sparsity = 21 }, "sparsity" },
        { Valid with { InputCount = 1, OutputCount = 1, Sparsity = 1 }, "input_count" },
        { Valid with { Graph = "randum" }, "graph" },
        { Valid with { Graph = "complete" }, "output_count" },
        { new ProblemSpec(ProblemKind.Permutation, "permutation", 10, 11, 2), "output_count" },
    };

    [Theory]
    [MemberData(nameof(InvalidProblems))]
    public void Build_throws_one_exception_naming_an_invalid_problem(ProblemSpec spec, string path)
    {
        var thrown = Assert.Throws<InvalidSpecException>(() => Build(spec, SuperposedAnd.Definition.Name, []));

        Assert.Equal(path, Assert.Single(thrown.Errors).Path);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.5)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Build_rejects_a_constant_that_is_not_a_positive_number(double value)
    {
        var thrown = Assert.Throws<InvalidSpecException>(() => Build(Valid, SuperposedAnd.Definition.Name, new() { ["neuron_factor"] = value }));

        Assert.Equal("construction_params.neuron_factor", Assert.Single(thrown.Errors).Path);
    }

    [Fact]
    public void Build_rejects_a_whole_number_parameter_with_a_fraction_and_a_choice_that_is_not_offered()
    {
        var thrown = Assert.Throws<InvalidSpecException>(() => Build(Valid, SuperposedAnd.Definition.Name, new() { ["min_code_width"] = 4.5, ["input_encoding"] = "dense" }));

        Assert.Equal(["construction_params.input_encoding", "construction_params.min_code_width"], thrown.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_rejects_an_unknown_parameter_with_the_nearest_name()
    {
        var thrown = Assert.Throws<InvalidSpecException>(() => Build(Valid, SuperposedAnd.Definition.Name, new() { ["nueron_factor"] = 2.0 }));

        var error = Assert.Single(thrown.Errors);
        Assert.Equal("construction_params.nueron_factor", error.Path);
        Assert.Contains("did you mean 'neuron_factor'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_rejects_an_unknown_construction_with_the_nearest_name()
    {
        var thrown = Assert.Throws<InvalidSpecException>(() => Build(Valid, "superposed-adn", []));

        var error = Assert.Single(thrown.Errors);
        Assert.Equal("construction", error.Path);
        Assert.Contains("did you mean 'superposed-and'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_rejects_a_construction_that_does_not_solve_the_problem()
    {
        var permutation = new ProblemSpec(ProblemKind.Permutation, "permutation", 10, 10, 2);

        var thrown = Assert.Throws<InvalidSpecException>(() => Build(permutation, SuperposedAnd.Definition.Name, []));

        Assert.Contains("does not solve permutation problems", Assert.Single(thrown.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_lists_both_of_two_problems_in_one_exception()
    {
        var thrown = Assert.Throws<InvalidSpecException>(() => Build(Valid with { Sparsity = 0 }, "superposed-adn", []));

        Assert.Equal(["construction", "sparsity"], thrown.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.StartsWith("2 problems:", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_lists_two_parameter_problems_in_one_exception()
    {
        var thrown = Assert.Throws<InvalidSpecException>(() => Build(Valid, SuperposedAnd.Definition.Name, new() { ["neuron_factor"] = double.NaN, ["gate_sloap"] = 1.0 }));

        Assert.Equal(["construction_params.gate_sloap", "construction_params.neuron_factor"], thrown.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Regression: a bad sparsity used to stop validation before the pair-set checks, so m' > C(m, 2)
    /// went unreported. Found by ValidationProperties.
    /// </summary>
    [Fact]
    public void Build_lists_too_many_pairs_together_with_a_bad_sparsity()
    {
        var thrown = Assert.Throws<InvalidSpecException>(() => Build(new ProblemSpec(ProblemKind.And, "random", 2, 2, 0), SuperposedAnd.Definition.Name, []));

        Assert.Equal(["output_count", "sparsity"], thrown.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    private static Network Build(ProblemSpec spec, string construction, Dictionary<string, object> parameters) =>
        NetworkBuilder.Build(spec, construction, parameters, new Seed(1), new Seed(2));
}
