using FsCheck.Fluent;
using Superposition.Bounds;
using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// Invariant 9 (docs/mathematics.md §5): a network that is correct on all sparse inputs pins down its
/// pair set, so for random pair sets weight_bits + code_bits ≥ instance_bits. A violation is a counting bug.
/// </summary>
public class CountingSanityProperties
{
    public static TheoryData<string> Constructions => [SuperposedAnd.Definition.Name, Dedicated.Definition.Name];

    [Theory]
    [MemberData(nameof(Constructions))]
    public void Description_bits_cover_the_instance_bits_on_random_pair_sets(string construction) =>
        PropertyCheck.Run(
            from spec in CoreGenerators.AndSpecs("random")
            from encoding in Gen.Elements("auto", "explicit", "superposed")
            from problemSeed in CoreGenerators.Seeds
            from constructionSeed in CoreGenerators.Seeds
            select (spec, encoding, problemSeed, constructionSeed),
            c =>
            {
                var parameters = new Dictionary<string, object> { ["input_encoding"] = c.encoding };
                var network = NetworkBuilder.Build(c.spec, construction, parameters, c.problemSeed, c.constructionSeed);
                AssertCovers(network);
            },
            maxTest: 60);

    [Theory]
    [InlineData("superposed-and", 10_000)]
    [InlineData("dedicated", 10_000)]
    [InlineData("superposed-and", 1_000)]
    [InlineData("dedicated", 1_000)]
    public void Description_bits_cover_the_instance_bits_at_realistic_sizes(string construction, int outputs)
    {
        var spec = new ProblemSpec(ProblemKind.And, "random", outputs, outputs, 3);

        var network = NetworkBuilder.Build(spec, construction, new Dictionary<string, object>(), new Seed(4), new Seed(5));

        AssertCovers(network);
    }

    private static void AssertCovers(Network network)
    {
        var instanceBits = BoundCalculator.InstanceBits(network.Problem.Spec);
        var described = network.Resources.WeightBits + network.Resources.CodeBits;
        Assert.True(described >= instanceBits - 1e-6, $"weight_bits + code_bits = {described:F1} < instance_bits = {instanceBits:F1} for {network.Problem.Spec}");
    }
}
