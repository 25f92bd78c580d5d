using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Datasets.Safetensors;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Cli.Tests.Support;

/// <summary>
/// A hand-set universal-AND layer as a layered file: one ReLU unit per pair (i, j) reading x_i + x_j − 1,
/// read out at threshold ½. It is exact on every input, so it claims no false negatives; zeroing one
/// output's weights makes that output never fire.
/// </summary>
internal static class UniversalAnd
{
    public const int Inputs = 8;

    public const int Sparsity = 3;

    public static readonly (int, int)[] Pairs = [(0, 1), (2, 3), (1, 4), (5, 6), (0, 7), (3, 6)];

    public static Network Network(int? zeroedOutput = null)
    {
        var spec = new ProblemSpec(ProblemKind.And, "file", Inputs, Pairs.Length, Sparsity);
        var problem = new AndProblem(spec, new PairSet(Inputs, [.. Pairs.Select(p => p.Item1)], [.. Pairs.Select(p => p.Item2)]));
        var weights = new double[Pairs.Length * Inputs];
        for (var e = 0; e < Pairs.Length; e++)
        {
            if (e != zeroedOutput)
            {
                weights[(e * Inputs) + Pairs[e].Item1] = 1.0;
                weights[(e * Inputs) + Pairs[e].Item2] = 1.0;
            }
        }
        var layer = new Layer.Affine(new WeightMatrix.Dense(Pairs.Length, Inputs, weights, singlePrecision: true), [.. Enumerable.Repeat(-1.0, Pairs.Length)], Activation.Relu);
        return Networks.Network.Create("universal-and", ConstructionParameters.Empty, problem, new Seed(0), new InputStage.OneHot(Inputs), [layer], new Readout.Threshold([.. Enumerable.Repeat(0.5, Pairs.Length)]), []);
    }

    public static SafetensorsFile File(int? zeroedOutput = null, bool claim = true) =>
        LayeredNetworkFile.ToFile(Network(zeroedOutput), claim ? new Dictionary<string, string> { [LayeredNetworkFile.ClaimsKey] = LayeredNetworkFile.NoFalseNegatives } : ImmutableDictionary<string, string>.Empty);
}
