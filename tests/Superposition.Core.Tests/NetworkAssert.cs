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
            default:
                Assert.Fail($"problem types differ: {expected.Problem.GetType().Name} and {actual.Problem.GetType().Name}");
                break;
        }
        Assert.Equal(expected.Seed, actual.Seed);
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

    private static void Identical(Code expected, Code actual, string what)
    {
        Assert.True(expected.NeuronCount == actual.NeuronCount, $"{what}: neuron counts {expected.NeuronCount} and {actual.NeuronCount}");
        Assert.True(expected.IsExplicit == actual.IsExplicit, $"{what}: explicitness differs");
        Assert.Equal(expected.Offsets.ToArray(), actual.Offsets.ToArray());
        Assert.Equal(expected.Neurons.ToArray(), actual.Neurons.ToArray());
    }
}
