using FsCheck.Fluent;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Decoding;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>Resource counts of layered networks: the general rule agrees with the factored count on every construction, and a hand-counted network.</summary>
public sealed class LayeredResourceTests
{
    public static TheoryData<string> Constructions => [.. ConstructionRegistry.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Constructions))]
    public void General_count_equals_the_factored_count_on_every_construction(string construction) =>
        PropertyCheck.Run(
            from build in CoreGenerators.BuildCases(ConstructionRegistry.Find(construction)!)
            select build,
            build =>
            {
                var network = build.Build();
                Assert.Equal(network.Resources, ResourceCounting.Count(network.Input, network.Layers, network.Readout));
            },
            maxTest: 30);

    [Fact]
    public void Hand_counted_two_layer_network()
    {
        // m = 3 inputs, pairs {0,1} and {1,2}; a one-hot stage, a ReLU layer of 3 units with 4 nonzeros
        // (values 1 and 2), a linear layer of 2 units with 3 nonzeros (all 1), a threshold read-out.
        var problem = new AndProblem(new ProblemSpec(ProblemKind.And, "random", 3, 2, 2), new PairSet(3, [0, 1], [1, 2]));
        var hidden = new Layer.Affine(new WeightMatrix.Dense(3, 3, [1, 1, 0, 0, 2, 0, 0, 0, 1]), [-1.0, 0.0, 0.0], Activation.Relu);
        var last = new Layer.Affine(WeightMatrix.Sparse.FromCoordinates(2, 3, [1, 0, 1], [1, 0, 2], [1.0, 1.0, 1.0]), [0.0, 0.0], Activation.Identity);
        var network = Network.Create("hand", ConstructionParameters.Empty, problem, new Seed(1), new InputStage.OneHot(3), [hidden, last], new Readout.Threshold([0.5, 0.5]), []);
        var counts = network.Resources;
        Assert.False(network.IsFactored);
        Assert.Equal((3, 3, 2), (counts.InputNeurons, counts.HiddenNeurons, counts.OutputNeurons));
        Assert.Equal(8, counts.NeuronCount);
        Assert.Equal(7, counts.WeightCount);
        Assert.Equal(5, counts.BiasCount);
        Assert.Equal(12, counts.ParameterCount);
        // Rows of 2, 1, 1 nonzeros among 3 columns with 2 distinct values (1 bit each); rows of 1 and 2
        // nonzeros among 3 with one value (0 bits); 3 biases with 2 distinct values and 2 with one (1 bit each).
        var expected = Math.Log2(3) + 2 + Math.Log2(3) + 1 + Math.Log2(3) + 1 + Math.Log2(3) + Math.Log2(3) + 5;
        Assert.Equal(expected, counts.WeightBits, 12);
        Assert.Equal(0.0, counts.CodeBits);
        Assert.Equal("explicit", network.Input.EncodingName);
        Assert.Throws<InvalidOperationException>(() => network.Compute);
    }

    [Fact]
    public void Create_refuses_layers_that_do_not_chain()
    {
        var problem = new AndProblem(new ProblemSpec(ProblemKind.And, "random", 3, 1, 2), new PairSet(3, [0], [1]));
        var layer = new Layer.Affine(new WeightMatrix.Dense(2, 4, new double[8]), [0.0, 0.0], Activation.Relu);
        var error = Assert.Throws<ArgumentException>(() => Network.Create("bad", ConstructionParameters.Empty, problem, new Seed(1), new InputStage.OneHot(3), [layer], new Readout.Threshold([0.0]), []));
        Assert.Contains("layer 0 reads 4 values where the layer before it gives 3", error.Message, StringComparison.Ordinal);
        var factored = new Layer.Factored(new ComputeMatrix(1, [0, 1, 1, 1], [0], [1]), [-0.5], 1);
        var embedding = new InputStage.Embedding(new WeightMatrix.Dense(1, 3, [1.0, 1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => Network.Create("bad", ConstructionParameters.Empty, problem, new Seed(1), embedding, [factored], new Readout.Code(CodeFactory.Explicit(1), new Decoder.AllAbove(0.5)), []));
    }
}
