using System.Runtime.InteropServices;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Training.Tests;

/// <summary>The hybrid construction: a base network frozen, its read-out retrained; determinism, the frozen part, errors at their paths.</summary>
public sealed class HybridConstructionTests
{
    private static readonly ConstructionDefinition Definition = HybridConstruction.Definition;

    /// <summary>m = 20, 60 random pairs, s = 3: superposed-and's default network has a few hundred output neurons.</summary>
    private static readonly ProblemSpec SmallSpec = new(ProblemKind.And, "random", 20, 60, 3);

    private static AndProblem Small() => (AndProblem)ProblemGeneration.Generate(SmallSpec, new Seed(5));

    private static ConstructionRequest Request(params (string Name, object Value)[] values)
    {
        // Later values win, so a test can override the short training's settings.
        var raw = new Dictionary<string, object>();
        foreach (var (name, value) in values)
        {
            raw[name] = value;
        }
        var (request, errors) = Definition.Resolve(raw, "params");
        Assert.True(errors.IsEmpty, string.Join("; ", errors));
        return request!;
    }

    private static ConstructionRequest Short(params (string Name, object Value)[] extra) =>
        Request([("steps", 150.0), ("batch_size", 32.0), ("learning_rate", 0.05), .. extra]);

    private static byte[] ReadoutBytes(Network network) =>
        MemoryMarshal.AsBytes(((WeightMatrix.Dense)((Layer.Affine)network.Layers[^1]).Weights).Values.AsSpan()).ToArray();

    private static long WrongSamples(Network network, SampleBatch batch)
    {
        var outcome = NetworkEvaluator.Evaluate(network, batch, new EvaluationScratch(network));
        var statistics = Scoring.Score(network.Problem, batch, outcome, keepSamples: false).Statistics;
        return statistics.Samples - statistics.CorrectSamples;
    }

    [Fact]
    public void Installing_adds_hybrid_beside_trained()
    {
        TrainingConstructions.Install();
        Assert.Same(Definition, ConstructionRegistry.Find(HybridConstruction.Name));
        Assert.DoesNotContain(HybridConstruction.Name, ConstructionRegistry.Names);
    }

    [Fact]
    public void Defaults_freeze_superposed_and_and_pass_on_a_typical_problem()
    {
        var options = Definition.Defaults.OptionsAs<HybridOptions>();
        Assert.Equal(("superposed-and", "", TrainingLoss.Bce, 0.01, 1000, 256, "uniform"), (options.Base, options.BaseParams, options.Loss, options.LearningRate, options.Steps, options.BatchSize, options.TrainingInputs));
        Assert.Equal((ReadoutStart.Decoder, 4.0, 1.0), (options.ReadoutInit, options.DecoderScale, options.PositiveWeight));
        Assert.Empty(Definition.Validate(new ProblemSpec(ProblemKind.And, "complete", 100, 4950, 3), Definition.Defaults));
    }

    [Fact]
    public void The_frozen_part_is_the_base_network_of_the_same_seed_and_the_read_out_is_trained_and_deterministic()
    {
        var request = Short(("base_params", "neuron_factor=1"), ("readout_init", "random"));
        var seed = new Seed(11);
        var hybrid = Definition.Build(Small(), request, seed);
        var again = Definition.Build(Small(), request, seed);
        var other = Definition.Build(Small(), request, new Seed(12));
        var baseRequest = SuperposedAnd.Definition.Resolve(new Dictionary<string, object> { ["neuron_factor"] = 1.0 }, "").Request!;
        var frozen = SuperposedAnd.Definition.Build(Small(), baseRequest, seed);

        Assert.Equal(HybridConstruction.Name, hybrid.Construction);
        Assert.Equal(request.Values, hybrid.Parameters);
        AssertSameStage(frozen.Input, hybrid.Input);
        Assert.Equal(2, hybrid.Layers.Length);
        Assert.Equal(((Layer.Factored)frozen.Layers[0]).Compute.WeightValues.ToArray(), ((Layer.Factored)hybrid.Layers[0]).Compute.WeightValues.ToArray());
        Assert.Equal(((Layer.Factored)frozen.Layers[0]).Biases.ToArray(), ((Layer.Factored)hybrid.Layers[0]).Biases.ToArray());
        var readout = Assert.IsType<Layer.Affine>(hybrid.Layers[1]);
        Assert.Equal((SmallSpec.OutputCount, frozen.OutputNeuronCount), (readout.Weights.RowCount, readout.Weights.ColumnCount));
        Assert.IsType<Readout.Threshold>(hybrid.Readout);

        Assert.Equal(ReadoutBytes(hybrid), ReadoutBytes(again));
        Assert.NotEqual(ReadoutBytes(hybrid), ReadoutBytes(other));
        var training = Assert.IsType<TrainingRecord>(hybrid.Training);
        Assert.Equal(150, training.Steps);
        Assert.Equal(seed.Derive("readout-training").Value, training.Seed);
        Assert.Equal(BitConverter.DoubleToInt64Bits(training.FinalLoss), BitConverter.DoubleToInt64Bits(again.Training!.FinalLoss));

        // Training moves the read-out: fewer wrong samples than the same layer before its first step.
        var untrained = Definition.Build(Small(), Short(("base_params", "neuron_factor=1"), ("readout_init", "random"), ("steps", 1.0), ("learning_rate", 1e-9)), seed);
        var fresh = InputSamplers.Batch(Small(), "uniform", 0, 1000, new Seed(991));
        var (before, after) = (WrongSamples(untrained, fresh), WrongSamples(hybrid, fresh));
        Assert.True(after < before / 2, $"{after} wrong samples after training, {before} before");
    }

    [Theory]
    [InlineData("random-and", "")]
    [InlineData("dedicated", "pair_threshold=1.5")]
    public void Other_bases_freeze_their_own_network(string baseName, string baseParams)
    {
        var hybrid = Definition.Build(Small(), Short(("base", baseName), ("base_params", baseParams), ("steps", 20.0)), new Seed(3));
        var baseDefinition = ConstructionRegistry.Find(baseName)!;
        var frozen = baseDefinition.Build(Small(), HybridConstruction.BaseRequest(new HybridOptions { Base = baseName, BaseParams = baseParams }).Request!, new Seed(3));
        Assert.Equal(frozen.OutputNeuronCount, ((Layer.Affine)hybrid.Layers[^1]).Weights.ColumnCount);
        AssertSameStage(frozen.Input, hybrid.Input);
    }

    private static void AssertSameStage(InputStage expected, InputStage actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(string.Join(",", expected.CodeOrNull!.Neurons), string.Join(",", actual.CodeOrNull!.Neurons));
        Assert.Equal(string.Join(",", expected.CodeOrNull!.Offsets), string.Join(",", actual.CodeOrNull!.Offsets));
    }

    [Theory]
    [InlineData("neuron_factor", "construction_params.base_params")]
    [InlineData("no_such=1", "construction_params.base_params.no_such")]
    [InlineData("nuron_factor=2", "construction_params.base_params.nuron_factor")]
    [InlineData("neuron_factor=-1", "construction_params.base_params.neuron_factor")]
    [InlineData("neuron_factor=1, neuron_factor=2", "construction_params.base_params.neuron_factor")]
    public void Bad_base_params_are_refused_at_their_path(string baseParams, string path)
    {
        var request = Request(("base_params", baseParams));
        var errors = Definition.Validate(SmallSpec, request).ToArray();
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Path == path);
    }

    [Fact]
    public void Work_beyond_the_limit_is_refused_at_steps()
    {
        var spec = new ProblemSpec(ProblemKind.And, "complete", 100, 4950, 3);
        // 10^4 steps · 256 · 4,950 = 1.27 · 10^10 logits: over the 10^10 limit; 10^3 steps are under it.
        Assert.DoesNotContain(Definition.Validate(spec, Request(("steps", 1_000.0))), e => e.Path == "construction_params.steps");
        var errors = Definition.Validate(spec, Request(("steps", 10_000.0))).ToArray();
        Assert.Contains(errors, e => e.Path == "construction_params.steps");
    }

    [Theory]
    [InlineData("trained")]
    [InlineData("hybrid")]
    public void A_build_reports_every_training_step_to_the_listener_of_its_context(string construction)
    {
        var definition = construction == "hybrid" ? Definition : TrainedConstruction.Definition;
        var (request, errors) = definition.Resolve(new Dictionary<string, object> { ["steps"] = 7.0, ["batch_size"] = 4.0 }, "");
        Assert.True(errors.IsEmpty);
        var steps = new List<(int Done, int Total)>();
        using (BuildProgress.Listen((done, total) => steps.Add((done, total))))
        {
            definition.Build(Small(), request!, new Seed(2));
        }
        Assert.Equal([.. Enumerable.Range(1, 7).Select(k => (k, 7))], steps);
        Assert.Null(BuildProgress.Current);
    }

    [Fact]
    public void A_decoder_start_reads_like_the_base_before_training()
    {
        // Dedicated's codes have width 1, so its all-above decoder is the mean-above rule the start encodes:
        // one step at a negligible rate leaves a network that decodes every input as dedicated does.
        var problem = Small();
        var hybrid = Definition.Build(problem, Short(("base", "dedicated"), ("steps", 1.0), ("learning_rate", 1e-12)), new Seed(4));
        var dedicated = Dedicated.Definition.Build(problem, Dedicated.Definition.Defaults, new Seed(4));
        var batch = InputSamplers.Batch(problem, "with-true-pair", 0, 500, new Seed(77));
        var (a, b) = (NetworkEvaluator.Evaluate(hybrid, batch, new EvaluationScratch(hybrid)), NetworkEvaluator.Evaluate(dedicated, batch, new EvaluationScratch(dedicated)));
        for (var k = 0; k < batch.Count; k++)
        {
            Assert.Equal(b.DecodedOutputs(k).ToArray(), a.DecodedOutputs(k).ToArray());
        }
        Assert.Equal(0, WrongSamples(hybrid, batch));
    }
}
