using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// Invariant 7 in small: from m' = 10^3 to 10^4 at s = 3, superposed-and's neurons / (√(s m') · log2 m')
/// and nnz / (m' · log2² m') stay within a constant factor. Inputs are superposed at both sizes so the
/// comparison is like for like (explicit inputs at 10^3 would change b_in). Sweeps to 10^7 belong in a
/// benchmark, not here.
/// </summary>
public class SizeScalingTests
{
    [Fact]
    public void Build_keeps_neurons_and_weights_within_the_upper_bound_shape_as_m_prime_grows_tenfold()
    {
        var (smallNeurons, smallWeights) = Ratios(1_000);
        var (largeNeurons, largeWeights) = Ratios(10_000);

        Assert.InRange(largeNeurons / smallNeurons, 0.5, 1.5);
        Assert.InRange(largeWeights / smallWeights, 0.5, 1.5);
    }

    private static (double Neurons, double Weights) Ratios(int outputs)
    {
        var spec = new ProblemSpec(ProblemKind.And, "random", outputs, outputs, 3);
        var parameters = ImmutableDictionary<string, object>.Empty.Add("input_encoding", "superposed");
        var resources = NetworkBuilder.Build(spec, SuperposedAnd.Definition.Name, parameters, new Seed(6), new Seed(7)).Resources;
        var log = Math.Log2(outputs);
        return (resources.NeuronCount / (Math.Sqrt(3.0 * outputs) * log), resources.WeightCount / (outputs * log * log));
    }
}
