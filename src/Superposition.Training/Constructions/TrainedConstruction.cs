using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Training;

/// <summary>The trained construction's parameters; the defaults are the ones docs/spec-format.md lists.</summary>
public sealed record TrainedOptions
{
    /// <summary>The input layer, as superposed-and's: superposed inputs read the same input code superposed-and draws from the same seed and parameters.</summary>
    public InputLayerOptions InputLayer { get; init; } = new();

    public int HiddenWidth { get; init; } = 100;

    public TrainingLoss Loss { get; init; } = TrainingLoss.Bce;

    public double LearningRate { get; init; } = 0.01;

    public int Steps { get; init; } = 1000;

    public int BatchSize { get; init; } = 256;

    /// <summary>The registered input distribution the training batches are drawn from (the problem's sparsity s applies).</summary>
    public string TrainingInputs { get; init; } = InputDistributions.Uniform;

    /// <summary>The weight of a true output's term in the loss (1: every output alike).</summary>
    public double PositiveWeight { get; init; } = 1.0;

    /// <summary>The trainer's settings for these options.</summary>
    public TrainingSettings Settings => new(HiddenWidth, Loss, LearningRate, Steps, BatchSize, TrainingInputs, PositiveWeight: PositiveWeight);
}

/// <summary>
/// <c>"construction": "trained"</c>: a one-hidden-layer ReLU network of width <c>hidden_width</c>, trained
/// by <see cref="Trainer"/> on the case's 2-AND instance and read out by a threshold per output. Its seed
/// is derived from the construction seed, so a case's network is a pure function of the case. The network
/// is an ordinary layered network: the same evaluator, counts and export apply; the dataset records the
/// final loss, steps, training seconds and training seed. Registered by the command line
/// (<see cref="TrainingConstructions.Install"/>), so Core does not reference this project.
/// </summary>
public static class TrainedConstruction
{
    public const string Name = Trainer.ConstructionName;

    /// <summary>
    /// The most multiply-adds a training may take, counted as steps · batch_size · hidden_width · (m' + n_in):
    /// a bound that plan and run refuse above, so an accepted case finishes in a run of reasonable length.
    /// </summary>
    public const double MaxTrainingWork = 2e12;

    /// <summary>The most weights the network may have, (n_in + m' + 1) · hidden_width + m': Adam keeps three arrays of this length.</summary>
    public const double MaxWeights = 1e8;

    private static readonly ImmutableArray<(string Word, TrainingLoss Value)> LossWords = [("bce", TrainingLoss.Bce), ("mse", TrainingLoss.Mse), ("l4", TrainingLoss.L4)];

    public static ConstructionDefinition<AndProblem, TrainedOptions> Definition { get; } = new()
    {
        Name = Name,
        Summary = "a one-hidden-layer ReLU network trained with Adam on the instance, read out by a threshold per output (a learned baseline)",
        Role = ConstructionRole.Peer,
        Solves = [ProblemKind.And],
        NeverFalseNegative = false,
        Schema =
        [
            .. InputLayerOptions.Parameters<TrainedOptions>(o => o.InputLayer, (o, v) => o with { InputLayer = v }),
            Parameter.Integer<TrainedOptions>("hidden_width", "ReLU units in the hidden layer", o => o.HiddenWidth, (o, v) => o with { HiddenWidth = v }),
            Parameter.Choice<TrainedOptions, TrainingLoss>("loss", "bce (read out as logit > 0), mse or l4 (read out as value > 1/2)", LossWords, o => o.Loss, (o, v) => o with { Loss = v }),
            Parameter.Number<TrainedOptions>("learning_rate", "Adam's step size (β1 = 0.9, β2 = 0.999, ε = 1e-8)", o => o.LearningRate, (o, v) => o with { LearningRate = v }),
            Parameter.Integer<TrainedOptions>("steps", "Adam steps, one batch each", o => o.Steps, (o, v) => o with { Steps = v }),
            Parameter.Integer<TrainedOptions>("batch_size", "training inputs per step", o => o.BatchSize, (o, v) => o with { BatchSize = v }),
            Parameter.Choice<TrainedOptions, string>(
                "training_inputs",
                "the input distribution training batches are drawn from (at the problem's sparsity)",
                [.. InputDistributions.Names.Select(n => (n, n))],
                o => o.TrainingInputs,
                (o, v) => o with { TrainingInputs = v }),
            Parameter.Number<TrainedOptions>("positive_weight", "weight of a true output's term in the loss; m'/C(s,2) or so balances the rare true outputs against the false ones", o => o.PositiveWeight, (o, v) => o with { PositiveWeight = v }, omittedAtDefault: true),
        ],
        CheckOptions = Check,
        BuildNetwork = Build,
        Sizes = (problem, options) =>
        {
            var (inputEntries, inputNeurons) = InputLayers.Sizes(problem, options.InputLayer);
            double hidden = options.HiddenWidth, outputs = problem.OutputCount;
            return new ConstructionSizes(inputEntries, inputNeurons, (hidden * inputNeurons) + (outputs * hidden), hidden + outputs, (hidden * inputNeurons) + (outputs * hidden));
        },
    };

    /// <summary>The multiply-adds of a training, as <see cref="MaxTrainingWork"/> counts them.</summary>
    public static double TrainingWork(ProblemSpec problem, TrainedOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var (_, inputNeurons) = InputLayers.Sizes(problem, options.InputLayer);
        return (double)options.Steps * options.BatchSize * options.HiddenWidth * (problem.OutputCount + inputNeurons);
    }

    private static IEnumerable<ParameterError> Check(ProblemSpec problem, TrainedOptions options)
    {
        var inputLayer = InputLayers.Check(problem, options.InputLayer).ToArray();
        foreach (var error in inputLayer)
        {
            yield return error;
        }
        if (inputLayer.Length > 0)
        {
            yield break;
        }
        if (InputDistributions.Check(options.TrainingInputs, problem, "training_inputs") is { } distribution)
        {
            yield return new ParameterError("training_inputs", distribution.Message);
        }
        var (_, inputNeurons) = InputLayers.Sizes(problem, options.InputLayer);
        var weights = ((inputNeurons + problem.OutputCount + 1) * (double)options.HiddenWidth) + problem.OutputCount;
        if (weights > MaxWeights)
        {
            yield return new ParameterError("hidden_width", $"(n_in + m' + 1) · hidden_width + m' = {SizeLimits.Format(weights)} weights is more than the {MaxWeights.ToString("0e+0", CultureInfo.InvariantCulture)} a trained network may have; lower hidden_width");
        }
        var work = TrainingWork(problem, options);
        if (work > MaxTrainingWork)
        {
            yield return new ParameterError("steps", $"steps · batch_size · hidden_width · (m' + n_in) = {SizeLimits.Format(work)} multiply-adds is more than the {MaxTrainingWork.ToString("0e+0", CultureInfo.InvariantCulture)} a training may take; lower steps, batch_size or hidden_width");
        }
    }

    private static Network Build(AndProblem problem, TrainedOptions options, ConstructionParameters values, Seed seed)
    {
        var (code, encoding) = InputLayers.Draw(problem.Spec, options.InputLayer, new Rng(seed));
        Code? inputCode = encoding == InputEncoding.Superposed ? code : null;
        var settings = options.Settings;
        var trainingSeed = seed.Derive("training");
        var clock = Stopwatch.StartNew();
        var result = Trainer.Train(problem, settings, trainingSeed, inputCode, BuildProgress.Current);
        var seconds = clock.Elapsed.TotalSeconds;
        return Trainer.ToNetwork(problem, settings, result.Parameters, seed, inputCode, Name, values)
            .WithTraining(new TrainingRecord(result.FinalLoss, result.Steps, seconds, trainingSeed.Value));
    }
}

/// <summary>The constructions this project adds, installed into <see cref="ConstructionRegistry.Extensions"/> by the command line.</summary>
public static class TrainingConstructions
{
    public static ImmutableArray<ConstructionDefinition> All { get; } = [TrainedConstruction.Definition, HybridConstruction.Definition];

    /// <summary>Installs <see cref="All"/>; safe to call more than once.</summary>
    public static void Install() => ConstructionRegistry.Install([.. All]);
}
