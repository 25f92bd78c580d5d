using FsCheck;
using FsCheck.Fluent;
using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// Neurons and weights of layered networks recounted from the layers' matrices entry by entry, not by
/// the resource counting code: units of the input stage plus the rows of every layer, and the nonzero
/// entries W[row, column] found by reading every entry.
/// </summary>
public sealed class LayeredResourceCountProperties
{
    private static readonly Gen<(ProblemSpec Spec, bool Rethreshold, ulong Seed)> Cases =
        from spec in CoreGenerators.CircuitSpecs()
        from rethreshold in Gen.Elements(true, false)
        from seed in Gen.Choose(0, int.MaxValue)
        select (spec, rethreshold, (ulong)seed);

    private static (long Neurons, long Weights, long Biases) Recount(Network network)
    {
        long neurons = network.Input.Width;
        long weights = 0;
        long biases = 0;
        foreach (var layer in network.Layers)
        {
            var affine = Assert.IsType<Layer.Affine>(layer);
            var rows = 0;
            for (var row = 0; row < affine.Weights.RowCount; row++, rows++)
            {
                for (var column = 0; column < affine.Weights.ColumnCount; column++)
                {
                    weights += affine.Weights[row, column] != 0 ? 1 : 0;
                }
            }
            neurons += rows;
            biases += affine.Bias.Length;
        }
        return (neurons, weights, biases);
    }

    private static CircuitProblem Problem(ProblemSpec spec, ulong seed) =>
        new(LayeredCircuit.Generate(spec, new Seed(seed).Derive("circuit")), spec.Sparsity, spec.Graph);

    [Fact]
    public void Circuit_networks_count_the_units_and_nonzero_entries_of_their_layers() =>
        PropertyCheck.Run(Cases, @case =>
        {
            var network = SuperposedCircuit.Build(Problem(@case.Spec, @case.Seed), new SuperposedCircuitOptions { Rethreshold = @case.Rethreshold }, new Seed(@case.Seed));
            var (neurons, weights, biases) = Recount(network);
            Assert.Equal(neurons, network.Resources.NeuronCount);
            Assert.Equal(weights, network.Resources.WeightCount);
            Assert.Equal(biases, network.Resources.BiasCount);
            Assert.Equal(network.Layers[^1].Width, network.Resources.OutputNeurons);
        }, maxTest: 60);

    /// <summary>
    /// 50 balanced trees of depth 3 at s = 8: every unit the network has is a neuron of some true gate's
    /// code in some input, so the stages have far fewer units than weights. Sized for C(s, 2) true gates
    /// per layer instead of the s / 2^(k+1) a tree allows, the last stage had 120,000 units for 8,376 weights.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Balanced_tree_stacks_have_fewer_units_than_weights(bool rethreshold)
    {
        var problem = new CircuitProblem(LayeredCircuit.BalancedTrees(50, 3), 8, "and-trees");
        var network = SuperposedCircuit.Build(problem, new SuperposedCircuitOptions { Rethreshold = rethreshold }, new Seed(1));
        var (neurons, weights, _) = Recount(network);
        Assert.True(neurons < weights, $"{neurons} units for {weights} weights");
        foreach (var layer in network.Layers.Cast<Layer.Affine>())
        {
            var unread = Enumerable.Range(0, layer.Weights.RowCount).Count(row => layer.Weights.RowNonzeros(row) == 0);
            Assert.True(unread * 2 < layer.Width, $"{unread} of {layer.Width} units of a layer have no input weight");
        }
    }
}
