using FsCheck.Xunit;
using Superposition.Core.Tests.Distributions;
using Superposition.Core.Tests.Extending;
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
            var batch = InputSamplers.Batch(problem, distribution, 7, BatchSize, seed.Derive(distribution.Name));

            Assert.Equal(BatchSize, batch.Count);
            Assert.Equal(7, batch.FirstSampleIndex);
            for (var k = 0; k < batch.Count; k++)
            {
                var active = batch.Active(k).ToArray();
                Assert.True(active.Length <= spec.Sparsity, $"{distribution.Name}: {active.Length} active inputs exceed s = {spec.Sparsity}");
                Assert.True(active.All(i => i >= 0 && i < spec.InputCount), $"{distribution.Name}: input out of range");
                Assert.True(active.Zip(active.Skip(1)).All(p => p.First < p.Second), $"{distribution.Name}: inputs not strictly ascending");
                Assert.Equal(TruthOf(problem, active), batch.Truth(k).ToArray());
            }
        }
    }

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 150)]
    public void Batch_keeps_each_distributions_promise_on_every_input(ProblemSpec spec, Seed seed)
    {
        var problem = ProblemGeneration.Generate(spec, seed);
        foreach (var distribution in Applicable(spec))
        {
            // No distribution is skipped: one without a stated law fails here.
            var law = InputDistributionLaws.For(distribution.Name);
            var sizes = law.SizeProbabilities(problem);
            var batch = InputSamplers.Batch(problem, distribution, 0, BatchSize, seed.Derive(distribution.Name));
            for (var k = 0; k < batch.Count; k++)
            {
                var active = batch.Active(k).ToArray();
                Assert.True(sizes[active.Length] > 0, $"{distribution.Name}: size {active.Length} has probability 0");
                Assert.Null(law.Violation(problem, active));
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

    [Fact]
    public void Batch_draws_a_sparsity_far_above_any_stack_buffer()
    {
        // s = 100,000 once overflowed a stack buffer sized by s, which ends the process (exit -6).
        var problem = ProblemGeneration.Generate(new ProblemSpec(ProblemKind.Permutation, "permutation", 200_000, 200_000, 100_000), new Seed(3));

        var batch = InputSamplers.Batch(problem, InputDistributions.Uniform, 0, 1, new Seed(4));

        Assert.Equal(100_000, batch.Active(0).Length);
        Assert.Equal(100_000, batch.Active(0).ToArray().Distinct().Count());
    }

    /// <summary>
    /// The true outputs from the problem's definition, not from its TrueOutputs: every pair of E with both
    /// ends active, or the image of every active input under the permutation.
    /// </summary>
    private static int[] TruthOf(Problem problem, int[] active) => problem switch
    {
        AndProblem and => [.. Enumerable.Range(0, and.Pairs.Count).Where(e => active.Contains(and.Pairs.First[e]) && active.Contains(and.Pairs.Second[e]))],
        PermutationProblem permutation => [.. active.Select(i => permutation.Permutation[i]).Order()],
        CircuitProblem circuit => CircuitTruth(circuit.Circuit, active),
        _ => throw new Xunit.Sdk.XunitException($"no truth oracle for {problem.GetType().Name}"),
    };

    /// <summary>Every gate of the last layer whose two ends are true, layer after layer from the active inputs.</summary>
    private static int[] CircuitTruth(LayeredCircuit circuit, int[] active)
    {
        var below = active.ToHashSet();
        foreach (var layer in circuit.Layers)
        {
            below = [.. Enumerable.Range(0, layer.Count).Where(g => below.Contains(layer.First[g]) && below.Contains(layer.Second[g]))];
        }
        return [.. below.Order()];
    }

    private static IEnumerable<InputDistribution> Applicable(ProblemSpec spec) =>
        ExtendedDistributionRegistry.All.Where(d => d.Inapplicable(spec) is null);
}
