using FsCheck.Fluent;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The layered representation's evaluators: on networks of every stage × layer kind × read-out ×
/// decoder, the evaluation entry equals the dense reference bit for bit; on every construction, the
/// layered evaluator gives exactly what the factored evaluator gives, so the factored path is a pure
/// speed-up of the general one.
/// </summary>
public sealed class LayeredEvaluatorProperties
{
    private static SampleBatch BatchOf(Problem problem, int[][] inputs)
    {
        var activeOffsets = new int[inputs.Length + 1];
        var truthOffsets = new int[inputs.Length + 1];
        var active = new List<int>();
        var truth = new List<int>();
        var buffer = new int[Math.Max(1, problem.MaxTrueOutputs)];
        for (var k = 0; k < inputs.Length; k++)
        {
            active.AddRange(inputs[k]);
            activeOffsets[k + 1] = active.Count;
            var count = problem.TrueOutputs(inputs[k], buffer);
            truth.AddRange(buffer.AsSpan(0, count));
            truthOffsets[k + 1] = truth.Count;
        }
        return new SampleBatch(0, activeOffsets, [.. active], truthOffsets, [.. truth]);
    }

    private static bool SameBits(double[] expected, double[] actual) =>
        expected.Length == actual.Length && expected.Zip(actual).All(pair => BitConverter.DoubleToInt64Bits(pair.First) == BitConverter.DoubleToInt64Bits(pair.Second));

    [Fact]
    public void Evaluation_equals_the_dense_reference_for_every_shape() =>
        PropertyCheck.Run(LayeredNetworkGenerators.Networks, generated =>
        {
            var (shape, network, inputs) = generated;
            var batch = BatchOf(network.Problem, inputs);
            var dense = new DenseEvaluator(network);
            var scratch = new EvaluationScratch(network);
            var outcome = NetworkEvaluator.Evaluate(network, batch, scratch);
            for (var k = 0; k < batch.Count; k++)
            {
                var features = network.Input is InputStage.Targets ? batch.Truth(k) : batch.Active(k);
                var context = $"{shape}, sample {k} [{string.Join(",", features.ToArray())}]";
                Assert.True(SameBits(dense.Activations(features), NetworkEvaluator.Activations(network, features, scratch)), $"activations differ for {context}");
                Assert.True(dense.Decode(features).AsSpan().SequenceEqual(outcome.DecodedOutputs(k)), $"decoded outputs differ for {context}");
                var margins = dense.Margins(features);
                var truth = batch.Truth(k).ToArray();
                var minTrue = truth.Select(output => margins[output]).DefaultIfEmpty(double.PositiveInfinity).Min();
                var maxFalse = Enumerable.Range(0, margins.Length).Except(truth).Select(output => margins[output]).DefaultIfEmpty(double.NegativeInfinity).Max();
                Assert.True(minTrue.Equals(outcome.MinTrueMargin[k]), $"smallest true margin {outcome.MinTrueMargin[k]} ≠ {minTrue} for {context}");
                Assert.True(maxFalse.Equals(outcome.MaxFalseMargin[k]), $"largest false margin {outcome.MaxFalseMargin[k]} ≠ {maxFalse} for {context}");
            }
        }, maxTest: 300);

    [Fact]
    public void Generated_shapes_reach_every_stage_layer_kind_and_read_out()
    {
        // The factored shape is 1 in 48 (stage, one layer, its kind, code read-out): 2,000 shapes miss it with
        // probability (47/48)^2000 < 1e-18, where 100 missed it one run in eight.
        var shapes = Gen.Sample(LayeredNetworkGenerators.Shapes, 2_000);
        Assert.Equal(LayeredNetworkGenerators.Stages.Order(), shapes.Select(s => s.Stage).Distinct().Order());
        Assert.Equal(LayeredNetworkGenerators.LayerKinds.Order(), shapes.SelectMany(s => s.Layers).Distinct().Order());
        Assert.Equal(LayeredNetworkGenerators.Readouts.Order(), shapes.Select(s => s.Readout).Distinct().Order());
        var networks = shapes.Select(LayeredNetworkGenerators.Build).ToArray();
        Assert.Contains(networks, n => n.IsFactored);
        Assert.Contains(networks, n => n.Layers.OfType<Layer.Affine>().Any(l => l.Activation == Activation.Identity));
        Assert.Contains(networks, n => n.Layers.Length == 3);
    }

    /// <summary>The constructions that build the factored shape (a stacked construction has no factored evaluation to compare with).</summary>
    public static TheoryData<string> Constructions => [.. ConstructionRegistry.All.Where(d => !d.Solves.Contains(ProblemKind.Circuit)).Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Constructions))]
    public void Layered_evaluator_equals_the_factored_evaluator_on_every_construction(string construction) =>
        PropertyCheck.Run(
            from build in CoreGenerators.BuildCases(ConstructionRegistry.Find(construction)!)
            let network = build.Build()
            from inputs in Gen.ArrayOf(CoreGenerators.Inputs(network.Problem), 8)
            select (build, network, inputs),
            generated =>
            {
                var (build, network, inputs) = generated;
                Assert.True(network.IsFactored, $"{build} is not of the factored shape");
                var batch = BatchOf(network.Problem, inputs);
                var factored = FactoredEvaluator.Evaluate(network, batch, new EvaluationScratch(network));
                var layeredScratch = EvaluationScratch.ForLayered(network);
                var layered = LayeredEvaluator.Evaluate(network, batch, layeredScratch);
                Assert.Equal(factored.DecodedOffsets, layered.DecodedOffsets);
                Assert.Equal(factored.Decoded, layered.Decoded);
                Assert.Equal(factored.MinTrueMargin, layered.MinTrueMargin);
                Assert.Equal(factored.MaxFalseMargin, layered.MaxFalseMargin);
                var scratch = new EvaluationScratch(network);
                for (var k = 0; k < batch.Count; k++)
                {
                    var features = network.Input is InputStage.Targets ? batch.Truth(k) : batch.Active(k);
                    Assert.True(SameBits(FactoredEvaluator.Activations(network, features, scratch), LayeredEvaluator.Activations(network, features, layeredScratch)), $"activations differ for {build}");
                }
            },
            maxTest: 40);
}
