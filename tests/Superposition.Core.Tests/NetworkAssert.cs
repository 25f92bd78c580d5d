using Superposition.Codes;
using Superposition.Networks;
using Superposition.Problems;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>Field-by-field comparison of networks, so a failure names the part that differs.</summary>
internal static class NetworkAssert
{
    public static void Identical(Network expected, Network actual)
    {
        Assert.Equal(expected.Construction, actual.Construction);
        Assert.Equal(expected.Parameters, actual.Parameters);
        Assert.Equal(expected.Problem.Spec, actual.Problem.Spec);
        switch (expected.Problem, actual.Problem)
        {
            case (AndProblem a, AndProblem b):
                Assert.Equal(a.Pairs.First.ToArray(), b.Pairs.First.ToArray());
                Assert.Equal(a.Pairs.Second.ToArray(), b.Pairs.Second.ToArray());
                break;
            case (PermutationProblem a, PermutationProblem b):
                Assert.Equal(a.Permutation.ToArray(), b.Permutation.ToArray());
                break;
            case (CircuitProblem a, CircuitProblem b):
                Assert.Equal(a.Circuit.Depth, b.Circuit.Depth);
                for (var k = 0; k < a.Circuit.Depth; k++)
                {
                    Assert.Equal(a.Circuit.Layers[k].First.ToArray(), b.Circuit.Layers[k].First.ToArray());
                    Assert.Equal(a.Circuit.Layers[k].Second.ToArray(), b.Circuit.Layers[k].Second.ToArray());
                }
                break;
            default:
                Assert.Fail($"problem types differ: {expected.Problem.GetType().Name} and {actual.Problem.GetType().Name}");
                break;
        }
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected.IsFactored, actual.IsFactored);
        if (!expected.IsFactored)
        {
            IdenticalLayers(expected, actual);
            return;
        }
        Assert.Equal(expected.InputEncoding, actual.InputEncoding);
        Identical(expected.InputCode, actual.InputCode, "input code");
        Identical(expected.OutputCode, actual.OutputCode, "output code");
        Assert.Equal(expected.Compute is null, actual.Compute is null);
        if (expected.Compute is { } m && actual.Compute is { } n)
        {
            Assert.Equal(m.RowCount, n.RowCount);
            Assert.Equal(m.ColumnOffsets.ToArray(), n.ColumnOffsets.ToArray());
            Assert.Equal(m.RowIndices.ToArray(), n.RowIndices.ToArray());
            Assert.Equal(m.WeightValues.ToArray(), n.WeightValues.ToArray());
        }
        Assert.Equal(expected.Biases.ToArray(), actual.Biases.ToArray());
        Assert.Equal(expected.Decoder, actual.Decoder);
        Assert.Equal(expected.Layout.ToArray(), actual.Layout.ToArray());
        Assert.Equal(expected.Resources, actual.Resources);
    }

    /// <summary>A stacked network: the input stage's code, every layer entry by entry (factored or affine), the read-out (code or thresholds).</summary>
    private static void IdenticalLayers(Network expected, Network actual)
    {
        Assert.Equal(expected.Input.GetType(), actual.Input.GetType());
        if (expected.Input.CodeOrNull is { } code)
        {
            Identical(code, actual.Input.CodeOrNull!, "input code");
        }
        Assert.Equal(expected.Layers.Length, actual.Layers.Length);
        for (var k = 0; k < expected.Layers.Length; k++)
        {
            Assert.Equal(expected.Layers[k].GetType(), actual.Layers[k].GetType());
            if (expected.Layers[k] is Layer.Factored factoredA)
            {
                var factoredB = (Layer.Factored)actual.Layers[k];
                Assert.Equal((factoredA.Compute.RowCount, factoredA.CodeNeurons), (factoredB.Compute.RowCount, factoredB.CodeNeurons));
                Assert.Equal(factoredA.Compute.ColumnOffsets.ToArray(), factoredB.Compute.ColumnOffsets.ToArray());
                Assert.Equal(factoredA.Compute.RowIndices.ToArray(), factoredB.Compute.RowIndices.ToArray());
                Assert.Equal(factoredA.Compute.WeightValues.ToArray(), factoredB.Compute.WeightValues.ToArray());
                Assert.Equal(factoredA.Biases.ToArray(), factoredB.Biases.ToArray());
                continue;
            }
            var (a, b) = (Assert.IsType<Layer.Affine>(expected.Layers[k]), Assert.IsType<Layer.Affine>(actual.Layers[k]));
            Assert.Equal((a.Weights.RowCount, a.Weights.ColumnCount, a.Activation), (b.Weights.RowCount, b.Weights.ColumnCount, b.Activation));
            Assert.Equal(a.Bias.ToArray(), b.Bias.ToArray());
            for (var row = 0; row < a.Weights.RowCount; row++)
            {
                for (var column = 0; column < a.Weights.ColumnCount; column++)
                {
                    Assert.True(a.Weights[row, column] == b.Weights[row, column], $"layer {k}: weight [{row}, {column}] differs");
                }
            }
        }
        Assert.Equal(expected.Readout.GetType(), actual.Readout.GetType());
        if (expected.Readout is Readout.Threshold thresholdA)
        {
            Assert.Equal(thresholdA.Thresholds.ToArray(), ((Readout.Threshold)actual.Readout).Thresholds.ToArray());
        }
        else
        {
            var (readA, readB) = (Assert.IsType<Readout.Code>(expected.Readout), Assert.IsType<Readout.Code>(actual.Readout));
            Identical(readA.OutputCode, readB.OutputCode, "output code");
            Assert.Equal(readA.Decoder, readB.Decoder);
        }
        Assert.Equal(expected.Layout.ToArray(), actual.Layout.ToArray());
        Assert.Equal(expected.Resources, actual.Resources);
    }

    private static void Identical(Code expected, Code actual, string what)
    {
        Assert.True(expected.NeuronCount == actual.NeuronCount, $"{what}: neuron counts {expected.NeuronCount} and {actual.NeuronCount}");
        Assert.True(expected.IsExplicit == actual.IsExplicit, $"{what}: explicitness differs");
        Assert.Equal(expected.Offsets.ToArray(), actual.Offsets.ToArray());
        Assert.Equal(expected.Neurons.ToArray(), actual.Neurons.ToArray());
    }
}
