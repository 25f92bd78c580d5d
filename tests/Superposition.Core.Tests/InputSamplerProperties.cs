using FsCheck.Xunit;
using Superposition.Inputs;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>The evaluation input distributions draw what they promise (docs/mathematics.md §2).</summary>
public class InputSamplerProperties
{
    private const int BatchSize = 60;

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 150)]
    public void Batch_draws_at_most_s_distinct_ascending_inputs_with_their_truth(ProblemSpec spec, Seed seed)
    {
        var problem = ProblemGeneration.Generate(spec, seed);
        foreach (var distribution in Applicable(spec))
        {
            var batch = InputSamplers.Batch(problem, distribution, 7, BatchSize, seed.Derive(distribution));

            Assert.Equal(BatchSize, batch.Count);
            Assert.Equal(7, batch.FirstSampleIndex);
            for (var k = 0; k < batch.Count; k++)
            {
                var active = batch.Active(k).ToArray();
                Assert.True(active.Length <= spec.Sparsity, $"{distribution}: {active.Length} active inputs exceed s = {spec.Sparsity}");
                Assert.True(active.All(i => i >= 0 && i < spec.InputCount), $"{distribution}: input out of range");
                Assert.True(active.Zip(active.Skip(1)).All(p => p.First < p.Second), $"{distribution}: inputs not strictly ascending");
                var truth = new int[Math.Max(1, problem.MaxTrueOutputs)];
                var count = problem.TrueOutputs(active, truth);
                Assert.Equal(truth[..count], batch.Truth(k).ToArray());
                Assert.True(count <= problem.MaxTrueOutputs);
            }
        }
    }

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 150)]
    public void Batch_gives_each_distribution_its_defining_shape(ProblemSpec spec, Seed seed)
    {
        var problem = ProblemGeneration.Generate(spec, seed);
        foreach (var distribution in Applicable(spec))
        {
            var batch = InputSamplers.Batch(problem, distribution, 0, BatchSize, seed.Derive(distribution));
            var sizes = Enumerable.Range(0, batch.Count).Select(k => batch.Active(k).Length).ToArray();
            switch (distribution)
            {
                case InputDistributions.Uniform:
                    Assert.All(sizes, size => Assert.Equal(spec.Sparsity, size));
                    break;
                case InputDistributions.UpTo:
                    Assert.True(sizes.Distinct().Count() > 1, $"up-to drew only sizes {string.Join(", ", sizes.Distinct())}");
                    break;
                case InputDistributions.WithTruePair:
                    Assert.All(Enumerable.Range(0, batch.Count), k => Assert.NotEmpty(batch.Truth(k).ToArray()));
                    break;
                case InputDistributions.Hubs:
                    var hubs = InputSamplers.TopByDegree(problem, Math.Min(spec.InputCount, 2 * spec.Sparsity)).ToHashSet();
                    var fromHubs = Math.Min((spec.Sparsity + 1) / 2, hubs.Count);
                    Assert.All(Enumerable.Range(0, batch.Count), k => Assert.True(batch.Active(k).ToArray().Count(hubs.Contains) >= fromHubs, "too few hub inputs"));
                    break;
            }
        }
    }

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 60)]
    public void Batch_is_deterministic_for_equal_seeds(ProblemSpec spec, Seed seed)
    {
        var problem = ProblemGeneration.Generate(spec, seed);
        foreach (var distribution in Applicable(spec))
        {
            var first = InputSamplers.Batch(problem, distribution, 0, 20, seed);
            var second = InputSamplers.Batch(problem, distribution, 0, 20, seed);

            Assert.Equal(first.ActiveOffsets, second.ActiveOffsets);
            Assert.Equal(first.ActiveInputs, second.ActiveInputs);
            Assert.Equal(first.TruthOutputs, second.TruthOutputs);
        }
    }

    [Fact]
    public void Batch_rejects_distributions_that_do_not_apply()
    {
        var permutation = ProblemGeneration.Generate(new ProblemSpec(ProblemKind.Permutation, "permutation", 10, 10, 3), new Seed(1));
        var single = ProblemGeneration.Generate(new ProblemSpec(ProblemKind.And, "random", 10, 10, 1), new Seed(1));

        Assert.Throws<InvalidSpecException>(() => InputSamplers.Batch(permutation, InputDistributions.Hubs, 0, 1, new Seed(1)));
        Assert.Throws<InvalidSpecException>(() => InputSamplers.Batch(permutation, InputDistributions.WithTruePair, 0, 1, new Seed(1)));
        Assert.Throws<InvalidSpecException>(() => InputSamplers.Batch(single, InputDistributions.WithTruePair, 0, 1, new Seed(1)));
        var unknown = Assert.Throws<InvalidSpecException>(() => InputSamplers.Batch(single, "unifrom", 0, 1, new Seed(1)));
        Assert.Contains("did you mean 'uniform'", Assert.Single(unknown.Errors).Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Applicable(ProblemSpec spec) =>
        InputDistributions.Names.Where(d => InputDistributions.Check(d, spec, "") is null);
}
