using Superposition.Core.Tests.Extending;
using Superposition.Inputs;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests.Distributions;

/// <summary>
/// Every input distribution (the registered ones and the guide's example) draws its documented law on
/// fixed problems: the χ² of the number of active inputs, of how often each input is active, and the
/// promise of every single input (<see cref="InputDistributionLaws"/>). The bound is that of
/// <see cref="ChiSquare"/>; the marginal statistic counts several inputs per sample drawn without
/// replacement, which makes it smaller on average than χ² with m − 1 degrees of freedom, so its bound
/// is conservative. Biased versions of each distribution must be rejected by the same function.
/// </summary>
public class InputDistributionFrequencyTests
{
    private const int Samples = 20_000;

    public static TheoryData<string> Distributions => [.. ExtendedDistributionRegistry.All.Select(d => d.Name)];

    /// <summary>Problems of both kinds, with uneven degrees (hubs, power law) and s = 2 (with-true-pair is then exactly a pair).</summary>
    private static readonly ProblemSpec[] Problems =
    [
        new(ProblemKind.And, "random", 30, 60, 4),
        new(ProblemKind.And, "hubs", 40, 120, 5, HubCount: 3),
        new(ProblemKind.And, "power-law", 50, 100, 3),
        new(ProblemKind.And, "random", 12, 20, 2),
        new(ProblemKind.Permutation, "permutation", 25, 25, 3),
        new(ProblemKind.Circuit, "random-layered", 10, 30, 3, Depth: 3),
        new(ProblemKind.Circuit, "and-trees", 12, 3, 4, Depth: 2),
    ];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Distribution_draws_its_documented_law(string name)
    {
        var distribution = ExtendedDistributionRegistry.All.Single(d => d.Name == name);
        var applicable = Problems.Where(spec => distribution.Inapplicable(spec) is null).ToArray();

        Assert.NotEmpty(applicable);
        Assert.All(applicable, spec => Assert.Null(Reject(distribution, ProblemGeneration.Generate(spec, new Seed(21)))));
    }

    [Fact]
    public void Every_distribution_has_a_law() =>
        Assert.All(ExtendedDistributionRegistry.All, d => InputDistributionLaws.For(d.Name));

    [Fact]
    public void A_distribution_without_a_law_fails_instead_of_being_skipped() =>
        Assert.Throws<Xunit.Sdk.XunitException>(() => InputDistributionLaws.For("no-such-distribution"));

    [Theory]
    [MemberData(nameof(BiasedCases))]
    public void Statistics_reject_a_biased_sampler(string description, InputDistribution biased, ProblemSpec spec) =>
        Assert.True(Reject(biased, ProblemGeneration.Generate(spec, new Seed(21))) is not null, $"{description} passed");

    public static TheoryData<string, InputDistribution, ProblemSpec> BiasedCases => new()
    {
        { "uniform always 0..s-1", new Biased(UniformInputs.DistributionName, p => (_, d) => Fill(d, Enumerable.Range(0, d.Length))), Problems[0] },
        { "uniform over the first half of the inputs", new Biased(UniformInputs.DistributionName, p => (rng, d) => { Sampling.DistinctInRange(rng, 0, p.InputCount / 2, d); return d.Length; }), Problems[0] },
        { "up-to always of size s", new Biased(UpToInputs.DistributionName, p => (rng, d) => { Sampling.DistinctInRange(rng, 0, p.InputCount, d); return d.Length; }), Problems[0] },
        { "up-to of size 0..s-1", new Biased(UpToInputs.DistributionName, p => (rng, d) => { var k = rng.NextInt(d.Length); Sampling.DistinctInRange(rng, 0, p.InputCount, d[..k]); return k; }), Problems[4] },
        { "with-true-pair without the pair", new Biased(WithTruePairInputs.DistributionName, p => (rng, d) => { Sampling.DistinctInRange(rng, 0, p.InputCount, d); return d.Length; }), Problems[0] },
        { "with-true-pair always pair 0", new Biased(WithTruePairInputs.DistributionName, WithPairZero), Problems[1] },
        { "with-true-gate planting a first-layer pair", new Biased(WithTrueGateInputs.DistributionName, FirstLayerPair), Problems[6] },
        { "with-true-gate without the gate", new Biased(WithTrueGateInputs.DistributionName, p => (rng, d) => { Sampling.DistinctInRange(rng, 0, p.InputCount, d); return d.Length; }), Problems[5] },
        { "hubs drawn uniformly", new Biased(HubInputs.DistributionName, p => (rng, d) => { Sampling.DistinctInRange(rng, 0, p.InputCount, d); return d.Length; }), Problems[1] },
        { "hubs as the lowest-index inputs", new Biased(HubInputs.DistributionName, LowIndexHubs), Problems[2] },
        { "clustered at a fixed window", new Biased(ClusteredInputs.DistributionName, p => (rng, d) => { Sampling.DistinctInRange(rng, 0, Math.Min(p.InputCount, 2 * d.Length), d); return d.Length; }), Problems[0] },
    };

    /// <summary>Null when a batch of <see cref="Samples"/> inputs fits the distribution's law, else the first misfit.</summary>
    private static string? Reject(InputDistribution distribution, Problem problem)
    {
        var law = InputDistributionLaws.For(distribution.Name);
        var batch = InputSamplers.Batch(problem, distribution, 0, Samples, new Seed(22).Derive(distribution.Name));
        var sizes = new long[problem.Sparsity + 1];
        var actives = new long[problem.InputCount];
        for (var k = 0; k < batch.Count; k++)
        {
            var active = batch.Active(k).ToArray();
            if (law.Violation(problem, active) is { } violation)
            {
                return $"input {k}: {violation}";
            }
            sizes[active.Length]++;
            foreach (var input in active)
            {
                actives[input]++;
            }
        }
        var where = $"{distribution.Name} on {problem.Spec}";
        return ChiSquare.Reject($"{where}: sizes", sizes, [.. law.SizeProbabilities(problem).Select(p => p * Samples)])
            ?? ChiSquare.Reject($"{where}: active inputs", actives, [.. law.Marginals(problem).Select(p => p * Samples)]);
    }

    private static int Fill(Span<int> destination, IEnumerable<int> values)
    {
        var count = 0;
        foreach (var value in values)
        {
            destination[count++] = value;
        }
        return count;
    }

    /// <summary>A uniform first-layer gate's pair plus uniform others: true gates, but not in the deepest plantable layer.</summary>
    private static InputSampler FirstLayerPair(Problem problem)
    {
        var pairs = ((CircuitProblem)problem).Circuit.Layers[0];
        return (rng, d) =>
        {
            var e = rng.NextInt(pairs.Count);
            d[0] = pairs.First[e];
            d[1] = pairs.Second[e];
            var filled = 2;
            while (filled < d.Length)
            {
                var candidate = rng.NextInt(problem.InputCount);
                if (!d[..filled].Contains(candidate))
                {
                    d[filled++] = candidate;
                }
            }
            return filled;
        };
    }

    private static InputSampler WithPairZero(Problem problem)
    {
        var pairs = ((AndProblem)problem).Pairs;
        return (rng, d) =>
        {
            d[0] = pairs.First[0];
            d[1] = pairs.Second[0];
            var filled = 2;
            while (filled < d.Length)
            {
                var candidate = rng.NextInt(problem.InputCount);
                if (!d[..filled].Contains(candidate))
                {
                    d[filled++] = candidate;
                }
            }
            return filled;
        };
    }

    private static InputSampler LowIndexHubs(Problem problem) => (rng, d) =>
    {
        var fromHubs = (d.Length + 1) / 2;
        Sampling.DistinctInRange(rng, 0, 2 * d.Length, d[..fromHubs]);
        var filled = fromHubs;
        while (filled < d.Length)
        {
            var candidate = rng.NextInt(problem.InputCount);
            if (!d[..filled].Contains(candidate))
            {
                d[filled++] = candidate;
            }
        }
        return filled;
    };

    /// <summary>A distribution that claims a registered name (and so its law) but samples otherwise.</summary>
    private sealed class Biased(string name, Func<Problem, InputSampler> sampler) : InputDistribution
    {
        public override string Name => name;

        public override string Description => "biased on purpose";

        public override string AppliesTo => "tests";

        public override string? Inapplicable(ProblemSpec problem) => InputDistributionRegistry.Find(name)?.Inapplicable(problem) ?? new ClusteredInputs().Inapplicable(problem);

        public override InputSampler SamplerFor(Problem problem) => sampler(problem);

        public override string ToString() => $"biased {name}";
    }
}
