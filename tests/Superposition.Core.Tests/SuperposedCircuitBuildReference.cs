using System.Collections.Immutable;
using FsCheck;
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

/// <summary>
/// The superposed-circuit network against a reference built the straightforward way in this file: all
/// stages drawn first, every product M[u, i] · [v ∈ C_i] gathered in one list keyed (row, column), sorted,
/// repeated keys summed, then each layer's rows copied (twice for a re-thresholded stage, ±w per paired
/// read). The construction builds in place, stage by stage; the networks must be identical.
/// </summary>
public sealed class SuperposedCircuitBuildReference
{
    private static readonly Gen<SuperposedCircuitProperties.CircuitCase> Cases =
        from generator in Gen.Elements("random-layered", "and-trees")
        from depth in Gen.Choose(1, 4)
        from trees in Gen.Choose(1, 6)
        from inputs in Gen.Choose(8, 40)
        from width in Gen.Choose(6, 20)
        from sparsity in Gen.Choose(1, 4)
        from seed in Gen.Choose(0, int.MaxValue)
        from rethreshold in Gen.Elements(true, false)
        let m = generator == "and-trees" ? trees << depth : inputs
        let first = Math.Min(width, m * (m - 1) / 2)
        select new SuperposedCircuitProperties.CircuitCase(generator, depth, m, [first, .. Enumerable.Repeat(width, depth - 1)], Math.Min(sparsity, m), (ulong)seed, rethreshold);

    private static readonly Gen<SuperposedAndDecoder> Decoders = Gen.Elements(SuperposedAndDecoder.AllAbove, SuperposedAndDecoder.KOfW);

    [Fact]
    public void The_built_network_is_the_reference_network() =>
        PropertyCheck.Run(Cases.SelectMany(c => Decoders, (c, d) => (Case: c, Decoder: d)), pair =>
        {
            var problem = pair.Case.Problem();
            var options = new SuperposedCircuitOptions { Rethreshold = pair.Case.Rethreshold, Stage = new SuperposedAndOptions { Decoder = pair.Decoder } };
            var seed = new Seed(pair.Case.Seed).Derive("network");
            NetworkAssert.Identical(Reference(problem, options, seed), SuperposedCircuit.Build(problem, options, seed));
        }, maxTest: 100);

    [Fact]
    public void Integer_weights_sum_repeated_products_and_sort_columns()
    {
        // Two features read by neuron 0 with weights 2 and 3; feature 0 is on code neurons {0, 1}, feature 1 on {1}.
        var compute = new ComputeMatrix(1, [0, 1, 2], [0, 0], [2, 3]);
        var code = new Code(2, [0, 2, 3], [0, 1, 1]);
        var (offsets, columns, weights) = SuperposedCircuit.IntegerWeights(compute, code);
        Assert.Equal([0, 2], offsets);
        Assert.Equal([0, 1], columns);
        Assert.Equal([2, 5], weights);
    }

    private static Network Reference(CircuitProblem problem, SuperposedCircuitOptions options, Seed seed)
    {
        var parameters = new ConstructionParameters(
            ImmutableSortedDictionary<string, double>.Empty,
            ImmutableSortedDictionary<string, string>.Empty.Add("rethreshold", options.Rethreshold ? "on" : "off"));
        var stages = SuperposedCircuit.Stages(problem, options, seed);
        var gamma = options.Stage.DecodeThreshold;
        var layers = ImmutableArray.CreateBuilder<Layer>(stages.Length);
        var previousPaired = false;
        for (var k = 0; k < stages.Length; k++)
        {
            var stage = stages[k];
            var readCode = k == 0 ? stage.InputCode : stages[k - 1].OutputCode;
            var inputWidth = k == 0 ? Math.Max(1, stage.InputCode.UniformWidth) : stages[k - 1].OutputWidth;
            var (offsets, columns, weights) = Weights(stage.Compute, readCode);
            var rethreshold = options.Rethreshold && k < stages.Length - 1;
            var scale = rethreshold ? 1.0 : 1.0 / inputWidth;
            var copies = rethreshold ? 2 : 1;
            var rows = offsets.Length - 1;
            var rowOffsets = new List<int> { 0 };
            var outColumns = new List<int>();
            var values = new List<double>();
            var bias = new List<double>();
            for (var u = 0; u < rows; u++)
            {
                for (var copy = 0; copy < copies; copy++)
                {
                    for (var e = offsets[u]; e < offsets[u + 1]; e++)
                    {
                        if (previousPaired)
                        {
                            outColumns.AddRange([2 * columns[e], (2 * columns[e]) + 1]);
                            values.AddRange([weights[e] * scale, -weights[e] * scale]);
                        }
                        else
                        {
                            outColumns.Add(columns[e]);
                            values.Add(weights[e] * scale);
                        }
                    }
                    rowOffsets.Add(outColumns.Count);
                    bias.Add(rethreshold ? -(SuperposedCircuit.FiringCount(stage.Biases[u], inputWidth, gamma) - 1 + copy) : stage.Biases[u]);
                }
            }
            var readWidth = previousPaired ? 2 * readCode.NeuronCount : readCode.NeuronCount;
            layers.Add(new Layer.Affine(new WeightMatrix.Sparse(copies * rows, readWidth, [.. rowOffsets], [.. outColumns], [.. values]), [.. bias], Activation.Relu));
            previousPaired = rethreshold;
        }
        var last = stages[^1];
        var decoder = options.Stage.Decoder == SuperposedAndDecoder.KOfW
            ? (Decoder)new Decoder.KOfW(options.Stage.DecoderK(last.OutputWidth), gamma)
            : new Decoder.AllAbove(gamma);
        InputStage input = stages[0].InputEncoding == InputEncoding.Explicit ? new InputStage.OneHot(stages[0].InputCode) : new InputStage.CodeOr(stages[0].InputCode);
        return Network.Create(SuperposedCircuit.Name, parameters, problem, seed, input, layers.ToImmutable(), new Readout.Code(last.OutputCode, decoder), last.Layout);
    }

    private static (int[] Offsets, int[] Columns, int[] Weights) Weights(ComputeMatrix compute, Code readCode)
    {
        var entries = new List<(long Key, int Weight)>();
        for (var feature = 0; feature < compute.ColumnCount; feature++)
        {
            var rows = compute.Rows(feature);
            var values = compute.Weights(feature);
            foreach (var neuron in readCode.Support(feature))
            {
                for (var k = 0; k < rows.Length; k++)
                {
                    entries.Add((((long)rows[k] * readCode.NeuronCount) + neuron, values[k]));
                }
            }
        }
        entries.Sort((a, b) => a.Key.CompareTo(b.Key));
        var offsets = new int[compute.RowCount + 1];
        var columns = new List<int>();
        var weights = new List<int>();
        for (var k = 0; k < entries.Count; k++)
        {
            if (k > 0 && entries[k].Key == entries[k - 1].Key)
            {
                weights[^1] += entries[k].Weight;
                continue;
            }
            offsets[(int)(entries[k].Key / readCode.NeuronCount) + 1]++;
            columns.Add((int)(entries[k].Key % readCode.NeuronCount));
            weights.Add(entries[k].Weight);
        }
        for (var row = 0; row < compute.RowCount; row++)
        {
            offsets[row + 1] += offsets[row];
        }
        return (offsets, [.. columns], [.. weights]);
    }
}
