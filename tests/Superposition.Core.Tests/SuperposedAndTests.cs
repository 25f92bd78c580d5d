using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;
using Xunit;

namespace Superposition.Core.Tests;

public class SuperposedAndTests
{
    /// <summary>
    /// Regression: gate_slope = gate_offset = 0.25 at s = 1 rounds G to 0, which passed validation and then
    /// failed inside ComputeMatrix with an ArgumentException. Found by the generic invariant suite.
    /// </summary>
    [Fact]
    public void Build_reports_an_invalid_spec_when_the_gate_weight_rounds_to_zero()
    {
        var spec = new ProblemSpec(ProblemKind.And, "matching", 2, 1, 1);
        var parameters = ImmutableDictionary<string, object>.Empty.Add("gate_slope", 0.25).Add("gate_offset", 0.25);

        var errors = NetworkBuilder.Validate(spec, SuperposedAnd.Definition.Name, parameters);
        var thrown = Assert.Throws<InvalidSpecException>(() => NetworkBuilder.Build(spec, SuperposedAnd.Definition.Name, parameters, new Seed(1), new Seed(2)));

        var error = Assert.Single(errors);
        Assert.Contains("gate weight", error.Message, StringComparison.Ordinal);
        Assert.Equal(errors, thrown.Errors.ToArray());
    }

    [Fact]
    public void Build_accepts_the_smallest_gate_weight_that_rounds_to_one()
    {
        var spec = new ProblemSpec(ProblemKind.And, "matching", 2, 1, 1);
        var parameters = ImmutableDictionary<string, object>.Empty.Add("gate_slope", 0.25).Add("gate_offset", 0.3);

        var network = NetworkBuilder.Build(spec, SuperposedAnd.Definition.Name, parameters, new Seed(1), new Seed(2));

        Assert.Equal(1, SuperposedAndLayer.Gate(spec.Sparsity, SuperposedAnd.Definition.Resolve(network.Parameters).OptionsAs<SuperposedAndOptions>()));
    }
}
