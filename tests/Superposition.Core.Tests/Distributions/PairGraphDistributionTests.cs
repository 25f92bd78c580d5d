using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests.Distributions;

/// <summary>
/// Every random pair-set generator draws the law docs/mathematics.md §2 describes, by χ² or z tests over
/// many generated sets with fixed seeds (bounds and false-alarm rates in <see cref="ChiSquare"/> and
/// ZBound); each statistic also rejects a deliberately biased generator. "complete" draws
/// nothing and is checked exactly elsewhere.
/// </summary>
public class PairGraphDistributionTests
{
    /// <summary>|z| above this has probability about 10⁻⁶ for a normal statistic.</summary>
    private const double ZBound = 4.9;

    private delegate PairSet Generator(ProblemSpec spec, Seed seed);

    [Theory]
    [InlineData(10)] // sparse: pairs drawn one by one
    [InlineData(50)] // dense: the complement is drawn, the rest shuffled
    public void Random_includes_every_pair_equally_often_and_in_uniform_order(int outputs)
    {
        var spec = new ProblemSpec(ProblemKind.And, "random", 12, outputs, 2);

        Assert.Null(InclusionFit(PairGraphs.Generate, spec, graphs: 3000));
        Assert.Null(FirstOutputFit(PairGraphs.Generate, spec, graphs: 6600));
    }

    [Fact]
    public void Statistics_reject_lexicographic_random_pairs()
    {
        var spec = new ProblemSpec(ProblemKind.And, "random", 12, 10, 2);

        // The first m' pairs in lexicographic order, and a uniform set whose outputs are numbered in that order.
        Assert.NotNull(InclusionFit((s, _) => Lexicographic(s), spec, graphs: 3000));
        Assert.NotNull(FirstOutputFit((s, seed) => Sorted(PairGraphs.Generate(s, seed)), spec, graphs: 6600));
    }

    [Fact]
    public void Matching_is_disjoint_and_includes_every_pair_equally_often()
    {
        var spec = new ProblemSpec(ProblemKind.And, "matching", 8, 3, 2);
        for (var k = 0; k < 200; k++)
        {
            var pairs = PairGraphs.Generate(spec, new Seed(30).Derive(k));
            var ends = pairs.First.Concat(pairs.Second).ToArray();
            Assert.Equal(ends.Length, ends.Distinct().Count());
        }

        Assert.Null(InclusionFit(PairGraphs.Generate, spec, graphs: 5600));
        Assert.NotNull(InclusionFit((s, _) => new PairSet(s.InputCount, [0, 2, 4], [1, 3, 5]), spec, graphs: 5600));
    }

    [Fact]
    public void Hubs_are_uniform_inputs_with_the_degree_profile_of_their_law()
    {
        var spec = new ProblemSpec(ProblemKind.And, "hubs", 30, 40, 2, HubCount: 2, HubFraction: 0.5);

        Assert.Null(TopInputFit(PairGraphs.Generate, spec, top: 2, graphs: 3000));
        Assert.Null(HubDegreeMisfit(PairGraphs.Generate, spec));
    }

    [Fact]
    public void Statistics_reject_fixed_hubs_and_hubs_without_hub_pairs()
    {
        var spec = new ProblemSpec(ProblemKind.And, "hubs", 30, 40, 2, HubCount: 2, HubFraction: 0.5);

        Assert.NotNull(TopInputFit((s, seed) => TopToLowIndices(PairGraphs.Generate(s, seed), 2), spec, top: 2, graphs: 3000));
        Assert.NotNull(HubDegreeMisfit((s, seed) => PairGraphs.Generate(s with { Graph = "random" }, seed), spec));
    }

    [Fact]
    public void Power_law_ranks_inputs_uniformly_and_has_the_degree_profile_of_its_law()
    {
        var spec = new ProblemSpec(ProblemKind.And, "power-law", 20, 30, 2, PowerLawExponent: 1.5);

        Assert.Null(TopInputFit(PairGraphs.Generate, spec, top: 1, graphs: 4000));
        Assert.Null(ProfileMisfit(PairGraphs.Generate, ReferencePowerLawDegrees, spec, ranks: 3));
    }

    /// <summary>
    /// Steeper or denser requests, whose draws run out of budget (in about one set in five for m' = 100, α = 2;
    /// always for m' = 60, α = 3) and are completed by the top-up. The top degrees tie too often here for the
    /// test of which input is on top; the ranking is the same shuffle as above.
    /// </summary>
    [Theory]
    [InlineData(100, 2.0)]
    [InlineData(60, 3.0)]
    public void Power_law_topped_up_has_the_degree_profile_of_its_law(int outputs, double exponent)
    {
        var spec = new ProblemSpec(ProblemKind.And, "power-law", 20, outputs, 2, PowerLawExponent: exponent);

        Assert.Null(ProfileMisfit(PairGraphs.Generate, ReferencePowerLawDegrees, spec, ranks: 6));
    }

    [Fact]
    public void Statistics_reject_a_power_law_topped_up_with_uniform_pairs()
    {
        var spec = new ProblemSpec(ProblemKind.And, "power-law", 20, 60, 2, PowerLawExponent: 3.0);

        Assert.NotNull(ProfileMisfit((s, seed) => UniformlyToppedUp(s, new Random((int)(seed.Value % int.MaxValue))), ReferencePowerLawDegrees, spec, ranks: 6));
    }

    [Fact]
    public void Statistics_reject_a_fixed_ranking_and_an_ignored_exponent()
    {
        var spec = new ProblemSpec(ProblemKind.And, "power-law", 20, 30, 2, PowerLawExponent: 1.5);

        Assert.NotNull(TopInputFit((s, seed) => TopToLowIndices(PairGraphs.Generate(s, seed), 1), spec, top: 1, graphs: 4000));
        Assert.NotNull(ProfileMisfit((s, seed) => PairGraphs.Generate(s with { PowerLawExponent = 1.0 }, seed), ReferencePowerLawDegrees, spec, ranks: 3));
    }

    /// <summary>
    /// χ² of how often each of the C(m, 2) pairs is in the set. Each set holds m' pairs without
    /// replacement, so the statistic is below χ² with C(m,2) − 1 degrees of freedom on average: conservative.
    /// </summary>
    private static string? InclusionFit(Generator generate, ProblemSpec spec, int graphs)
    {
        var m = spec.InputCount;
        var counts = new long[m * m];
        for (var k = 0; k < graphs; k++)
        {
            var pairs = generate(spec, new Seed(31).Derive(k));
            for (var e = 0; e < pairs.Count; e++)
            {
                counts[(pairs.First[e] * m) + pairs.Second[e]]++;
            }
        }
        return ChiSquare.Reject($"{spec.Graph}: pair inclusion", counts, PerOrderedPair(m, (double)graphs * spec.OutputCount / spec.PossiblePairs));
    }

    /// <summary>χ² of which pair is output 0: every pair equally likely when outputs are numbered in random order.</summary>
    private static string? FirstOutputFit(Generator generate, ProblemSpec spec, int graphs)
    {
        var m = spec.InputCount;
        var counts = new long[m * m];
        for (var k = 0; k < graphs; k++)
        {
            var pairs = generate(spec, new Seed(32).Derive(k));
            counts[(pairs.First[0] * m) + pairs.Second[0]]++;
        }
        return ChiSquare.Reject($"{spec.Graph}: pair of output 0", counts, PerOrderedPair(m, (double)graphs / spec.PossiblePairs));
    }

    private static double[] PerOrderedPair(int m, double expected) =>
        [.. Enumerable.Range(0, m * m).Select(cell => cell / m < cell % m ? expected : 0)];

    /// <summary>
    /// χ² of which inputs have the <paramref name="top"/> highest degrees (sets with a tie at the cut are
    /// left out): uniform when the hubs or the ranking are a uniform choice of inputs.
    /// </summary>
    private static string? TopInputFit(Generator generate, ProblemSpec spec, int top, int graphs)
    {
        var counts = new long[spec.InputCount];
        long kept = 0;
        for (var k = 0; k < graphs; k++)
        {
            var degrees = generate(spec, new Seed(33).Derive(k)).Degrees;
            var order = Enumerable.Range(0, spec.InputCount).OrderByDescending(i => degrees[i]).ToArray();
            if (degrees[order[top - 1]] == degrees[order[top]])
            {
                continue;
            }
            kept++;
            foreach (var input in order.Take(top))
            {
                counts[input]++;
            }
        }
        Assert.True(kept > graphs / 2, $"only {kept} of {graphs} sets have no tie at the top {top}");
        return ChiSquare.RejectUniform($"{spec.Graph}: top-{top} inputs", counts);
    }

    /// <summary>
    /// The hubs' degrees against an independent simulation of the documented law (<see cref="ReferenceHubDegrees"/>):
    /// the mean of each of the h + 1 largest degrees.
    /// </summary>
    private static string? HubDegreeMisfit(Generator generate, ProblemSpec spec) =>
        ProfileMisfit(generate, ReferenceHubDegrees, spec, ranks: spec.EffectiveHubCount + 1);

    /// <summary>
    /// The mean sorted degree profile (the <paramref name="ranks"/> largest degrees) of the generator against
    /// that of <paramref name="reference"/>, an independent simulation of the documented law with its own
    /// random source: a two-sample z test per rank on 3,000 sets each.
    /// </summary>
    private static string? ProfileMisfit(Generator generate, Func<ProblemSpec, Random, int[]> reference, ProblemSpec spec, int ranks)
    {
        const int sets = 3000;
        double[][] Profiles(Func<int, int[]> degrees)
        {
            var all = Enumerable.Range(0, sets).Select(k => degrees(k).OrderDescending().Take(ranks).ToArray()).ToArray();
            return [.. Enumerable.Range(0, ranks).Select(rank => all.Select(profile => (double)profile[rank]).ToArray())];
        }
        var observed = Profiles(k => [.. generate(spec, new Seed(35).Derive(k)).Degrees]);
        var expected = Profiles(k => reference(spec, new Random(k)));
        for (var rank = 0; rank < ranks; rank++)
        {
            var (a, errorA) = MeanAndError(observed[rank]);
            var (b, errorB) = MeanAndError(expected[rank]);
            var z = Math.Abs(a - b) / Math.Sqrt((errorA * errorA) + (errorB * errorB));
            if (z > ZBound)
            {
                return $"{spec.Graph}: degree of rank {rank} is {a:F3} ± {errorA:F3}, the law's {b:F3} ± {errorB:F3} (z = {z:F1})";
            }
        }
        return null;
    }

    /// <summary>
    /// The documented hubs process, written from its description: h distinct uniform hubs; ⌊f·m'⌋ distinct
    /// pairs, each a uniform hub with a uniform other input (duplicates redrawn); the rest uniform among
    /// the pairs not yet present.
    /// </summary>
    private static int[] ReferenceHubDegrees(ProblemSpec spec, Random random)
    {
        var m = spec.InputCount;
        var hubs = Enumerable.Range(0, m).OrderBy(_ => random.Next()).Take(spec.EffectiveHubCount).ToArray();
        var chosen = new HashSet<(int, int)>();
        var hubPairs = (int)Math.Floor(spec.HubFraction * spec.OutputCount);
        while (chosen.Count < hubPairs)
        {
            var hub = hubs[random.Next(hubs.Length)];
            var other = random.Next(m);
            if (other != hub)
            {
                chosen.Add((Math.Min(hub, other), Math.Max(hub, other)));
            }
        }
        while (chosen.Count < spec.OutputCount)
        {
            var (i, j) = (random.Next(m), random.Next(m));
            if (i != j)
            {
                chosen.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        }
        return Degrees(m, chosen);
    }

    private static int[] Degrees(int inputCount, IEnumerable<(int, int)> pairs)
    {
        var degrees = new int[inputCount];
        foreach (var (i, j) in pairs)
        {
            degrees[i]++;
            degrees[j]++;
        }
        return degrees;
    }

    /// <summary>
    /// The documented power-law process, written from its description with its own random source: at most
    /// 50 m' + 1000 draws of two ends, then the missing pairs in order of decreasing probability, that is by
    /// (a+1)(b+1) over ranks a &lt; b, ties by the lower rank (here by sorting every pair).
    /// </summary>
    private static int[] ReferencePowerLawDegrees(ProblemSpec spec, Random random)
    {
        var (ranking, chosen) = PowerLawDraws(spec, random);
        var m = spec.InputCount;
        var byProbability = Enumerable.Range(0, m)
            .SelectMany(a => Enumerable.Range(a + 1, m - a - 1).Select(b => (Product: (long)(a + 1) * (b + 1), A: a, B: b)))
            .Order();
        foreach (var (_, a, b) in byProbability)
        {
            if (chosen.Count == spec.OutputCount)
            {
                break;
            }
            chosen.Add((Math.Min(ranking[a], ranking[b]), Math.Max(ranking[a], ranking[b])));
        }
        return Degrees(m, chosen);
    }

    /// <summary>The power-law draws, then uniform pairs until the set is full: not the documented law.</summary>
    private static PairSet UniformlyToppedUp(ProblemSpec spec, Random random)
    {
        var (_, chosen) = PowerLawDraws(spec, random);
        while (chosen.Count < spec.OutputCount)
        {
            var (i, j) = (random.Next(spec.InputCount), random.Next(spec.InputCount));
            if (i != j)
            {
                chosen.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        }
        var pairs = chosen.ToArray();
        return new PairSet(spec.InputCount, [.. pairs.Select(p => p.Item1)], [.. pairs.Select(p => p.Item2)]);
    }

    /// <summary>A random ranking, and the distinct pairs that at most 50 m' + 1000 draws of two Zipf-distributed ends place.</summary>
    private static (int[] Ranking, HashSet<(int, int)> Chosen) PowerLawDraws(ProblemSpec spec, Random random)
    {
        var m = spec.InputCount;
        var ranking = Enumerable.Range(0, m).ToArray();
        random.Shuffle(ranking);
        var weights = Enumerable.Range(0, m).Select(r => Math.Pow(r + 1, -spec.PowerLawExponent)).ToArray();
        var total = weights.Sum();
        int Draw()
        {
            var u = random.NextDouble() * total;
            for (var r = 0; r < m; r++)
            {
                u -= weights[r];
                if (u < 0)
                {
                    return ranking[r];
                }
            }
            return ranking[m - 1];
        }
        var chosen = new HashSet<(int, int)>();
        for (var draw = 0; draw < (50 * spec.OutputCount) + 1000 && chosen.Count < spec.OutputCount; draw++)
        {
            var (i, j) = (Draw(), Draw());
            if (i != j)
            {
                chosen.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        }
        return (ranking, chosen);
    }

    private static (double Mean, double Error) MeanAndError(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, Math.Sqrt(variance / values.Length));
    }

    private static PairSet Lexicographic(ProblemSpec spec)
    {
        var pairs = new List<(int, int)>();
        for (var i = 0; i < spec.InputCount && pairs.Count < spec.OutputCount; i++)
        {
            for (var j = i + 1; j < spec.InputCount && pairs.Count < spec.OutputCount; j++)
            {
                pairs.Add((i, j));
            }
        }
        return new PairSet(spec.InputCount, [.. pairs.Select(p => p.Item1)], [.. pairs.Select(p => p.Item2)]);
    }

    private static PairSet Sorted(PairSet pairs)
    {
        var sorted = Enumerable.Range(0, pairs.Count).Select(e => (pairs.First[e], pairs.Second[e])).Order().ToArray();
        return new PairSet(pairs.InputCount, [.. sorted.Select(p => p.Item1)], [.. sorted.Select(p => p.Item2)]);
    }

    /// <summary>The same set with its <paramref name="top"/> highest-degree inputs renamed 0, 1, …: a generator that always picks the same hubs.</summary>
    private static PairSet TopToLowIndices(PairSet pairs, int top)
    {
        var order = Enumerable.Range(0, pairs.InputCount).OrderByDescending(i => pairs.Degrees[i]).ThenBy(i => i).ToArray();
        var rename = Enumerable.Range(0, pairs.InputCount).ToArray();
        for (var k = 0; k < top; k++)
        {
            // Swap the names of the k-th top input and input k.
            var (a, b) = (order[k], Array.IndexOf(rename, k));
            (rename[a], rename[b]) = (rename[b], rename[a]);
        }
        var renamed = Enumerable.Range(0, pairs.Count).Select(e => (rename[pairs.First[e]], rename[pairs.Second[e]])).Select(p => (Math.Min(p.Item1, p.Item2), Math.Max(p.Item1, p.Item2))).ToArray();
        return new PairSet(pairs.InputCount, [.. renamed.Select(p => p.Item1)], [.. renamed.Select(p => p.Item2)]);
    }
}
