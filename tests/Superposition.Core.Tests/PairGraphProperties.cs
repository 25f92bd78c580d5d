using FsCheck.Xunit;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>Every pair-set generator gives a valid pair set of the requested shape (docs/mathematics.md §2).</summary>
public class PairGraphProperties
{
    [Property(Arbitrary = [typeof(AndSpecArbitraries)], MaxTest = 300)]
    public void Generate_gives_m_prime_distinct_ordered_pairs_in_range(ProblemSpec spec, Seed seed)
    {
        var pairs = PairGraphs.Generate(spec, seed);

        Assert.Equal(spec.OutputCount, pairs.Count);
        Assert.Equal(spec.InputCount, pairs.InputCount);
        var seen = new HashSet<(int, int)>();
        for (var e = 0; e < pairs.Count; e++)
        {
            var (i, j) = (pairs.First[e], pairs.Second[e]);
            Assert.True(0 <= i && i < j && j < spec.InputCount, $"pair {e} = ({i}, {j}) is not an ordered pair below {spec.InputCount}");
            Assert.True(seen.Add((i, j)), $"pair ({i}, {j}) appears twice");
            Assert.Equal(e, pairs.OutputOf(i, j));
            Assert.Equal(e, pairs.OutputOf(j, i));
        }
    }

    /// <summary>
    /// Power-law requests of every size up to C(m, 2) and every exponent in [0, 4], steep ones included, whose
    /// draws place few distinct pairs: generation always succeeds with m' distinct ordered pairs in range, the
    /// same for the same seed.
    /// </summary>
    [Property(Arbitrary = [typeof(PowerLawArbitraries)], MaxTest = 300)]
    public void Generate_meets_every_power_law_request_deterministically(PowerLawArbitraries.Request request, Seed seed)
    {
        var spec = request.Spec;

        var (first, second) = (PairGraphs.Generate(spec, seed), PairGraphs.Generate(spec, seed));

        Assert.Equal(spec.OutputCount, first.Count);
        var distinct = new HashSet<(int, int)>();
        for (var e = 0; e < first.Count; e++)
        {
            var (i, j) = (first.First[e], first.Second[e]);
            Assert.True(0 <= i && i < j && j < spec.InputCount, $"pair {e} = ({i}, {j}) is not an ordered pair below {spec.InputCount}");
            Assert.True(distinct.Add((i, j)), $"pair ({i}, {j}) appears twice");
        }
        Assert.Equal(first.First.ToArray(), second.First.ToArray());
        Assert.Equal(first.Second.ToArray(), second.Second.ToArray());
    }

    [Property(Arbitrary = [typeof(AndSpecArbitraries)], MaxTest = 200)]
    public void Generate_indexes_degrees_and_neighbours_consistently(ProblemSpec spec, Seed seed)
    {
        var pairs = PairGraphs.Generate(spec, seed);

        for (var i = 0; i < spec.InputCount; i++)
        {
            var expected = Enumerable.Range(0, pairs.Count)
                .Where(e => pairs.First[e] == i || pairs.Second[e] == i)
                .Select(e => pairs.First[e] == i ? pairs.Second[e] : pairs.First[e])
                .Order()
                .ToArray();
            Assert.Equal(expected, pairs.Neighbours(i).ToArray());
            Assert.Equal(expected.Length, pairs.Degrees[i]);
        }
        Assert.Equal(-1, pairs.OutputOf(0, 0));
    }

    [Property(Arbitrary = [typeof(AndSpecArbitraries)], MaxTest = 100)]
    public void Generate_is_deterministic_for_equal_seeds(ProblemSpec spec, Seed seed)
    {
        var (first, second) = (PairGraphs.Generate(spec, seed), PairGraphs.Generate(spec, seed));

        Assert.Equal(first.First.ToArray(), second.First.ToArray());
        Assert.Equal(first.Second.ToArray(), second.Second.ToArray());
    }

    [Property(Arbitrary = [typeof(AndSpecArbitraries)], MaxTest = 200)]
    public void Generate_keeps_each_generators_shape(ProblemSpec spec, Seed seed)
    {
        var pairs = PairGraphs.Generate(spec, seed);
        var ends = pairs.First.Concat(pairs.Second).ToArray();
        switch (spec.Graph)
        {
            case "complete":
                Assert.Equal(spec.PossiblePairs, pairs.Count);
                break;
            case "matching":
                Assert.Equal(ends.Length, ends.Distinct().Count());
                break;
            case "hubs":
                // Every hub pair has a hub end, so the hubs (whatever they are) carry at least that many
                // incidences, and the top-h degrees at least as many again.
                var hubPairs = (long)Math.Floor(spec.HubFraction * spec.OutputCount);
                var topDegrees = pairs.Degrees.OrderDescending().Take(spec.EffectiveHubCount).Sum();
                Assert.True(topDegrees >= hubPairs, $"the {spec.EffectiveHubCount} highest degrees sum to {topDegrees}, below the {hubPairs} hub pairs");
                break;
        }
    }
}
