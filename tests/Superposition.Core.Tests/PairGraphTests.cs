using System.Security.Cryptography;
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

    [Theory]
    [InlineData(20, 190, 4.0)] // every pair: the draws place fewer than 20 of them
    [InlineData(20, 150, 4.0)]
    [InlineData(20, 100, 2.0)] // the draws finish within their budget for some seeds and not others
    [InlineData(2, 1, 4.0)]
    [InlineData(200, 19900, 4.0)]
    [InlineData(2000, 100000, 3.0)]
    public void Generate_meets_any_power_law_request_up_to_every_pair(int inputs, int outputs, double exponent)
    {
        var spec = new ProblemSpec(ProblemKind.And, "power-law", inputs, outputs, 2, PowerLawExponent: exponent);

        for (var k = 0; k < 5; k++)
        {
            var pairs = PairGraphs.Generate(spec, new Seed(7).Derive(k));

            Assert.Equal(outputs, pairs.Count);
            Assert.Equal(outputs, Enumerable.Range(0, outputs).Select(e => (pairs.First[e], pairs.Second[e])).Distinct().Count());
        }
    }

    [Fact]
    public void Generate_tops_up_a_steep_power_law_with_the_pairs_of_its_most_popular_inputs()
    {
        // With α = 4 the draws place few distinct pairs; the rest come in order of (a+1)(b+1) over ranks a < b,
        // so the most popular input (rank 0) is joined to every other and dominates the degrees.
        var spec = new ProblemSpec(ProblemKind.And, "power-law", 20, 60, 2, PowerLawExponent: 4);

        var degrees = PairGraphs.Generate(spec, new Seed(3)).Degrees.OrderDescending().ToArray();

        Assert.Equal(19, degrees[0]);
        Assert.True(degrees[^1] <= 2, $"the least popular input has degree {degrees[^1]}; a uniform top-up would give most inputs several");
    }

    /// <summary>
    /// The sets of power-law requests that the draws complete within their budget, as the generator gave them
    /// before the top-up existed (SHA-256 of the pairs, first 8 bytes): adding the top-up changed none of them,
    /// so no earlier dataset changes.
    /// </summary>
    [Theory]
    [InlineData(20, 30, 1.5, 1UL, "0E8369FFC9246FC3")]
    [InlineData(1000, 3000, 1.5, 1UL, "A65CE391226EE175")]
    [InlineData(1000, 3000, 1.5, 2UL, "109293912E726604")]
    [InlineData(20, 100, 2.0, 1UL, "AB87D757200B28C0")]
    [InlineData(20, 100, 2.0, 20UL, "A0B8A778D23DB97A")]
    public void Generate_keeps_the_power_law_sets_that_the_draws_complete(int inputs, int outputs, double exponent, ulong seed, string expected)
    {
        var pairs = PairGraphs.Generate(new ProblemSpec(ProblemKind.And, "power-law", inputs, outputs, 2, PowerLawExponent: exponent), new Seed(seed));

        var bytes = pairs.First.Zip(pairs.Second).SelectMany(p => BitConverter.GetBytes(p.First).Concat(BitConverter.GetBytes(p.Second))).ToArray();
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(bytes))[..16]);
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
