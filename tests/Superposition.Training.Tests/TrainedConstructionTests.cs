using System.Runtime.InteropServices;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Training.Tests;

/// <summary>The trained construction as the rest of the tool sees it: registration, parameters, limits and the network it builds.</summary>
public sealed class TrainedConstructionTests
{
    private static readonly ConstructionDefinition Definition = TrainedConstruction.Definition;

    private static readonly ProblemSpec TinySpec = new(ProblemKind.And, "complete", 8, 28, 2);

    private static AndProblem Tiny() => (AndProblem)ProblemGeneration.Generate(TinySpec, new Seed(5));

    private static ConstructionRequest Request(params (string Name, object Value)[] values)
    {
        var raw = values.ToDictionary(v => v.Name, v => v.Value);
        var (request, errors) = Definition.Resolve(raw, "params");
        Assert.True(errors.IsEmpty, string.Join("; ", errors));
        return request!;
    }

    private static ConstructionRequest Small(params (string Name, object Value)[] extra) =>
        Request([("hidden_width", 12.0), ("steps", 300.0), ("batch_size", 32.0), ("learning_rate", 0.02), .. extra]);

    private static byte[] WeightBytes(Network network) =>
        [.. network.Layers.Cast<Layer.Affine>().SelectMany(l => MemoryMarshal.AsBytes(((WeightMatrix.Dense)l.Weights).Values.AsSpan()).ToArray())];

    private static long WrongOutputs(Network network, SampleBatch batch)
    {
        var outcome = NetworkEvaluator.Evaluate(network, batch, new EvaluationScratch(network));
        var statistics = Scoring.Score(network.Problem, batch, outcome, keepSamples: false).Statistics;
        return statistics.FalsePositives + statistics.FalseNegatives;
    }

    [Fact]
    public void Installing_adds_trained_to_the_names_a_spec_may_give_once()
    {
        TrainingConstructions.Install();
        TrainingConstructions.Install();
        Assert.Same(Definition, ConstructionRegistry.Find(TrainedConstruction.Name));
        Assert.Single(ConstructionRegistry.SpecNames, n => n == TrainedConstruction.Name);
        Assert.DoesNotContain(TrainedConstruction.Name, ConstructionRegistry.Names);
        var impostor = (ConstructionDefinition)(TrainedConstruction.Definition with { Summary = "another" });
        Assert.Throws<ArgumentException>(() => ConstructionRegistry.Install(impostor));
    }

    [Fact]
    public void Defaults_are_the_documented_ones_and_pass_on_a_typical_problem()
    {
        var options = Definition.Defaults.OptionsAs<TrainedOptions>();
        Assert.Equal((100, TrainingLoss.Bce, 0.01, 1000, 256, "uniform"), (options.HiddenWidth, options.Loss, options.LearningRate, options.Steps, options.BatchSize, options.TrainingInputs));
        Assert.Empty(Definition.Validate(new ProblemSpec(ProblemKind.And, "complete", 100, 4950, 3), Definition.Defaults));
    }

    [Fact]
    public void Work_and_width_beyond_the_limits_are_refused_at_the_parameter_that_drives_them()
    {
        var spec = new ProblemSpec(ProblemKind.And, "complete", 100, 4950, 3);
        // 10^4 steps · 256 · 100 · (4950 + 100) = 1.29 · 10^12: under the limit; ten times that is over.
        Assert.Empty(Definition.Validate(spec, Request(("steps", 10_000.0))));
        var tooLong = Definition.Validate(spec, Request(("steps", 100_000.0))).ToArray();
        Assert.Equal(["construction_params.steps"], tooLong.Select(e => e.Path));
        // (100 + 4950 + 1) · 20,000 + 4950 ≈ 1.01 · 10^8 weights.
        var tooWide = Definition.Validate(spec, Request(("hidden_width", 20_000.0), ("steps", 1.0))).ToArray();
        Assert.Equal(["construction_params.hidden_width"], tooWide.Select(e => e.Path));
    }

    [Fact]
    public void Unknown_words_are_refused_at_their_parameter()
    {
        var (request, errors) = Definition.Resolve(new Dictionary<string, object> { ["loss"] = "hinge", ["training_inputs"] = "gaussian" }, "params");
        Assert.Null(request);
        Assert.Equal(["params.loss", "params.training_inputs"], errors.Select(e => e.Path).Order());
    }

    [Fact]
    public void A_built_network_records_its_values_and_training_and_is_a_pure_function_of_the_seed()
    {
        var request = Small();
        var first = Definition.Build(Tiny(), request, new Seed(11));
        var again = Definition.Build(Tiny(), request, new Seed(11));
        var other = Definition.Build(Tiny(), request, new Seed(12));
        Assert.Equal(TrainedConstruction.Name, first.Construction);
        Assert.Equal(request.Values, first.Parameters);
        Assert.Equal(WeightBytes(first), WeightBytes(again));
        Assert.NotEqual(WeightBytes(first), WeightBytes(other));
        var training = Assert.IsType<TrainingRecord>(first.Training);
        Assert.Equal(300, training.Steps);
        Assert.Equal(new Seed(11).Derive("training").Value, training.Seed);
        Assert.True(double.IsFinite(training.FinalLoss) && training.FinalLoss > 0);
        Assert.True(training.Seconds >= 0);
        Assert.Equal(BitConverter.DoubleToInt64Bits(training.FinalLoss), BitConverter.DoubleToInt64Bits(again.Training!.FinalLoss));
        // What was trained is what was built: the same weights as the trainer's own network for that seed.
        var settings = request.OptionsAs<TrainedOptions>().Settings;
        var direct = Trainer.ToNetwork(Tiny(), settings, Trainer.Train(Tiny(), settings, new Seed(11).Derive("training")).Parameters, new Seed(11));
        Assert.Equal(WeightBytes(direct), WeightBytes(first));
        Assert.Null(Dedicated.Definition.Build(Tiny(), Dedicated.Definition.Defaults, new Seed(11)).Training);
    }

    [Fact]
    public void Superposed_inputs_read_the_input_code_superposed_and_draws_and_training_still_helps()
    {
        // m = 40 inputs over n_0 = ⌈0.5 · 4 · √(2 · 60)⌉ = 22 neurons: fewer neurons than inputs.
        var spec = new ProblemSpec(ProblemKind.And, "random", 40, 60, 2);
        var problem = (AndProblem)ProblemGeneration.Generate(spec, new Seed(8));
        (string, object)[] inputLayer = [("input_encoding", "superposed"), ("neuron_factor", 0.5)];
        var request = Request([("hidden_width", 24.0), ("steps", 400.0), ("batch_size", 32.0), ("learning_rate", 0.02), .. inputLayer]);
        var seed = new Seed(21);
        var trained = Definition.Build(problem, request, seed);
        var superposed = SuperposedAnd.Definition.Build(problem, SuperposedAnd.Definition.Resolve(inputLayer.ToDictionary(v => v.Item1, v => v.Item2), "").Request!, seed);
        var stage = Assert.IsType<InputStage.CodeOr>(trained.Input);
        Assert.True(stage.Code.NeuronCount < spec.InputCount);
        Assert.Equal(string.Join(",", superposed.InputCode.Neurons), string.Join(",", stage.Code.Neurons));
        Assert.Equal(string.Join(",", superposed.InputCode.Offsets), string.Join(",", stage.Code.Offsets));
        var untrained = Definition.Build(problem, Request([("hidden_width", 24.0), ("steps", 1.0), ("batch_size", 32.0), ("learning_rate", 1e-9), .. inputLayer]), seed);
        var fresh = InputSamplers.Batch(problem, "uniform", 0, 2000, new Seed(991));
        var (before, after) = (WrongOutputs(untrained, fresh), WrongOutputs(trained, fresh));
        Assert.True(after < before / 2, $"{after} wrong outputs after training, {before} before");
    }
}
