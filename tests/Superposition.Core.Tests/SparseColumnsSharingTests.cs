using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>The by-column copy of a sparse layer is made once per matrix and shared by every worker's scratch.</summary>
public sealed class SparseColumnsSharingTests
{
    [Fact]
    public void Two_scratches_for_one_network_share_each_layers_columns_and_they_are_the_matrix_by_column()
    {
        var circuit = LayeredCircuit.RandomLayered(20, [12, 12, 12], new Seed(3));
        var network = SuperposedCircuit.Build(new CircuitProblem(circuit, 3, "random-layered"), new SuperposedCircuitOptions(), new Seed(5));
        var (first, second) = (new LayeredScratch(network), new LayeredScratch(network));
        Assert.Equal(network.Layers.Length, first.SparseColumns.Length);
        for (var k = 0; k < network.Layers.Length; k++)
        {
            var matrix = Assert.IsType<WeightMatrix.Sparse>(Assert.IsType<Layer.Affine>(network.Layers[k]).Weights);
            var shared = Assert.IsType<SparseColumns>(first.SparseColumns[k]);
            Assert.Same(shared, second.SparseColumns[k]);
            var fresh = SparseColumns.Of(matrix);
            Assert.NotSame(fresh, shared);
            Assert.Equal(fresh.Offsets, shared.Offsets);
            Assert.Equal(fresh.Rows, shared.Rows);
            Assert.Equal(fresh.Values, shared.Values);
        }
    }
}
