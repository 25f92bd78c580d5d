using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;
using Xunit;

namespace Superposition.Core.Tests;

public class PairGraphTests
{
    [Fact]
    public void Generate_gives_hubs_a_degree_far_above_the_mean()
    {
        var spec = new ProblemSpec(ProblemKind.And, "hubs", 1000, 2000, 3, HubFraction: 0.5);

        var pairs = PairGraphs.Generate(spec, new Seed(11));

        var meanDegree = 2.0 * spec.OutputCount / spec.InputCount;
        var hubDegrees = pairs.Degrees.OrderDescending().Take(spec.EffectiveHubCount).ToArray();
        Assert.Equal(10, spec.EffectiveHubCount);
        Assert.All(hubDegrees, degree => Assert.True(degree >= 10 * meanDegree, $"hub degree {degree} is not far above the mean {meanDegree}"));
        Assert.True(hubDegrees.Sum() >= 1000, $"the hubs carry only {hubDegrees.Sum()} of the 1000 hub pairs");
    }

    [Fact]
    public void Generate_skews_power_law_degrees_more_with_a_larger_exponent()
    {
        int TopDegree(double exponent) => PairGraphs.Generate(new ProblemSpec(ProblemKind.And, "power-law", 1000, 3000, 3, PowerLawExponent: exponent), new Seed(5)).Degrees.Max();

        Assert.True(TopDegree(1.5) > 3 * TopDegree(0.0));
    }

    [Fact]
    public void Generate_gives_every_pair_for_the_complete_graph()
    {
        var pairs = PairGraphs.Generate(new ProblemSpec(ProblemKind.And, "complete", 7, 21, 2), new Seed(1));

        for (var i = 0; i < 7; i++)
        {
            for (var j = i + 1; j < 7; j++)
            {
                Assert.True(pairs.OutputOf(i, j) >= 0, $"pair ({i}, {j}) is missing");
            }
        }
    }

    [Theory]
    [InlineData("random", 5, 11)]
    [InlineData("complete", 5, 9)]
    [InlineData("matching", 5, 3)]
    [InlineData("random", 1, 1)]
    public void Generate_rejects_requests_it_cannot_meet(string graph, int inputs, int outputs)
    {
        var spec = new ProblemSpec(ProblemKind.And, graph, inputs, outputs, 1);

        var thrown = Assert.Throws<InvalidSpecException>(() => PairGraphs.Generate(spec, new Seed(1)));

        Assert.NotEmpty(thrown.Errors);
    }
}
