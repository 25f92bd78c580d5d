using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Superposition.Constructions;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Training;

/// <summary>The hybrid construction's parameters; the defaults are the ones docs/spec-format.md lists.</summary>
public sealed record HybridOptions
{
    /// <summary>The construction whose network is kept, frozen, up to its read-out.</summary>
    public string Base { get; init; } = SuperposedAnd.Definition.Name;

    /// <summary>The base construction's parameters as <c>name=value</c> pairs separated by commas; empty for its defaults.</summary>
    public string BaseParams { get; init; } = "";

    public TrainingLoss Loss { get; init; } = TrainingLoss.Bce;

    public double LearningRate { get; init; } = 0.01;

    public int Steps { get; init; } = 1000;

    public int BatchSize { get; init; } = 256;

    public string TrainingInputs { get; init; } = InputDistributions.Uniform;

    /// <summary>Where the trained read-out starts: the base's decoder as a linear layer, or random weights.</summary>
    public ReadoutStart ReadoutInit { get; init; } = ReadoutStart.Decoder;

    /// <summary>The logit's scale at a decoder start: z = scale · (mean − θ) + decision point.</summary>
    public double DecoderScale { get; init; } = 4.0;

    /// <summary>The weight of a true output's term in the loss (1: every output alike).</summary>
    public double PositiveWeight { get; init; } = 1.0;

    /// <summary>The trainer's settings (the width is the frozen network's read-out width, which the settings do not use).</summary>
    public TrainingSettings Settings(int units) => new(Math.Max(1, units), Loss, LearningRate, Steps, BatchSize, TrainingInputs, PositiveWeight: PositiveWeight);
}

/// <summary>
/// <c>"construction": "hybrid"</c> (docs/design.md, "Trained and hybrid networks"): the network of a base
/// construction (superposed-and by default) built from the same seed, frozen up to its read-out, whose
/// code read-out is replaced by a linear layer z = W·h + b over the base's output neurons h and a
/// threshold per output, with W and b trained by <see cref="ReadoutTrainer"/> (the loss, Adam and the
/// training inputs as <c>trained</c> has them). The frozen part is exactly the base's network, so hybrid
/// and base differ only in how outputs are read. Deviation from "retrain the read-out": the base read-out
/// is a decoder over codes, not an affine layer, so the trained layer starts from the decoder read as a
/// mean-above rule (exact for codes of width 1), or from random weights.
/// </summary>
public static class HybridConstruction
{
    public const string Name = "hybrid";

    /// <summary>
    /// The most logits a read-out training may compute, steps · batch_size · m'. Each costs the input's
    /// live units (a few dozen in the bases here), and the lazy Adam step touches only their rows.
    /// </summary>
    public const double MaxTrainingLogits = 1e10;

    /// <summary>The most read-out weights, n_out · m' + m', as for trained.</summary>
    public const double MaxWeights = TrainedConstruction.MaxWeights;

    /// <summary>The constructions a hybrid may freeze: those of the product that build a one-layer network for 2-AND with a code read-out.</summary>
    public static ImmutableArray<ConstructionDefinition> Bases { get; } = [SuperposedAnd.Definition, RandomAnd.Definition, Dedicated.Definition];

    private static readonly ImmutableArray<(string Word, TrainingLoss Value)> LossWords = [("bce", TrainingLoss.Bce), ("mse", TrainingLoss.Mse), ("l4", TrainingLoss.L4)];

    public static ConstructionDefinition<AndProblem, HybridOptions> Definition { get; } = new()
    {
        Name = Name,
        Summary = "a base construction's network, frozen, with its read-out replaced by a linear layer trained with Adam and a threshold per output (a hybrid baseline)",
        Role = ConstructionRole.Peer,
        Solves = [ProblemKind.And],
        NeverFalseNegative = false,
        Schema =
        [
            Parameter.Choice<HybridOptions, string>("base", "the construction whose network is frozen", [.. Bases.Select(b => (b.Name, b.Name))], o => o.Base, (o, v) => o with { Base = v }),
            Parameter.Text<HybridOptions>("base_params", "the base's parameters as name=value pairs separated by commas (\"neuron_factor=2, decoder=mean-above\"); empty: its defaults", o => o.BaseParams, (o, v) => o with { BaseParams = v }),
            Parameter.Choice<HybridOptions, TrainingLoss>("loss", "bce (read out as logit > 0), mse or l4 (read out as value > 1/2)", LossWords, o => o.Loss, (o, v) => o with { Loss = v }),
            Parameter.Number<HybridOptions>("learning_rate", "Adam's step size (β1 = 0.9, β2 = 0.999, ε = 1e-8)", o => o.LearningRate, (o, v) => o with { LearningRate = v }),
            Parameter.Integer<HybridOptions>("steps", "Adam steps, one batch each", o => o.Steps, (o, v) => o with { Steps = v }),
            Parameter.Integer<HybridOptions>("batch_size", "training inputs per step", o => o.BatchSize, (o, v) => o with { BatchSize = v }),
            Parameter.Choice<HybridOptions, string>(
                "training_inputs",
                "the input distribution training batches are drawn from (at the problem's sparsity)",
                [.. InputDistributions.Names.Select(n => (n, n))],
                o => o.TrainingInputs,
                (o, v) => o with { TrainingInputs = v }),
            Parameter.Choice<HybridOptions, ReadoutStart>("readout_init", "decoder: start from the base's read-out as a linear layer (z = decoder_scale · (mean of the code's neurons − θ) + decision point); random: uniform ±1/√n_out", [("decoder", ReadoutStart.Decoder), ("random", ReadoutStart.Random)], o => o.ReadoutInit, (o, v) => o with { ReadoutInit = v }),
            Parameter.Number<HybridOptions>("decoder_scale", "the logit's scale at a decoder start", o => o.DecoderScale, (o, v) => o with { DecoderScale = v }),
            Parameter.Number<HybridOptions>("positive_weight", "weight of a true output's term in the loss; m'/C(s,2) or so balances the rare true outputs against the false ones", o => o.PositiveWeight, (o, v) => o with { PositiveWeight = v }, omittedAtDefault: true),
        ],
        CheckOptions = Check,
        BuildNetwork = Build,
        Sizes = (problem, options) =>
        {
            var (definition, request, _) = BaseRequest(options);
            if (request is null)
            {
                return new ConstructionSizes(0, 0, 0, 0, 0);
            }
            var frozen = definition.EstimateSizes(problem, request);
            double outputs = problem.OutputCount;
            return frozen with { OutputEntries = frozen.OutputEntries + (frozen.OutputNeurons * outputs), OutputNeurons = frozen.OutputNeurons + outputs, Nonzeros = frozen.Nonzeros + (frozen.OutputNeurons * outputs) };
        },
    };

    /// <summary>The base's definition and resolved request, or the problems with <see cref="HybridOptions.BaseParams"/> at base_params.name.</summary>
    public static (ConstructionDefinition Definition, ConstructionRequest? Request, ImmutableArray<ParameterError> Errors) BaseRequest(HybridOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var definition = Bases.Single(b => b.Name == options.Base);
        var raw = new Dictionary<string, object>(StringComparer.Ordinal);
        var errors = ImmutableArray.CreateBuilder<ParameterError>();
        foreach (var item in options.BaseParams.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add(new ParameterError("base_params", $"'{item}' is not name=value"));
                continue;
            }
            var (name, text) = (item[..equals].Trim(), item[(equals + 1)..].Trim());
            if (!raw.TryAdd(name, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text))
            {
                errors.Add(new ParameterError($"base_params.{name}", "given twice"));
            }
        }
        if (errors.Count > 0)
        {
            return (definition, null, errors.ToImmutable());
        }
        var (request, specErrors) = definition.Resolve(raw, "base_params");
        return (definition, request, [.. specErrors.Select(e => new ParameterError(e.Path, e.Message))]);
    }

    private static IEnumerable<ParameterError> Check(ProblemSpec problem, HybridOptions options)
    {
        var (definition, request, errors) = BaseRequest(options);
        if (request is null)
        {
            foreach (var error in errors)
            {
                yield return error;
            }
            yield break;
        }
        var baseErrors = definition.Validate(problem, request, "base", "base_params").ToArray();
        foreach (var error in baseErrors)
        {
            yield return new ParameterError(error.Path, error.Message);
        }
        if (baseErrors.Length > 0)
        {
            yield break;
        }
        if (InputDistributions.Check(options.TrainingInputs, problem, "training_inputs") is { } distribution)
        {
            yield return new ParameterError("training_inputs", distribution.Message);
        }
        var units = definition.EstimateSizes(problem, request).OutputNeurons;
        var weights = (units * problem.OutputCount) + problem.OutputCount;
        if (weights > MaxWeights)
        {
            yield return new ParameterError("base_params", $"n_out · m' + m' = {SizeLimits.Format(weights)} read-out weights is more than the {MaxWeights.ToString("0e+0", CultureInfo.InvariantCulture)} a hybrid may have; choose a smaller base");
        }
        var logits = (double)options.Steps * options.BatchSize * problem.OutputCount;
        if (logits > MaxTrainingLogits)
        {
            yield return new ParameterError("steps", $"steps · batch_size · m' = {SizeLimits.Format(logits)} logits is more than the {MaxTrainingLogits.ToString("0e+0", CultureInfo.InvariantCulture)} a read-out training may compute; lower steps or batch_size");
        }
    }

    private static Network Build(AndProblem problem, HybridOptions options, ConstructionParameters values, Seed seed)
    {
        var (definition, request, errors) = BaseRequest(options);
        if (request is null)
        {
            throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Parameter}: {e.Message}")), nameof(options));
        }
        var frozen = definition.Build(problem, request, seed);
        var settings = options.Settings(frozen.OutputNeuronCount);
        var trainingSeed = seed.Derive("readout-training");
        var clock = Stopwatch.StartNew();
        var start = options.ReadoutInit == ReadoutStart.Decoder
            ? ReadoutTrainer.DecoderStart((Readout.Code)frozen.Readout, settings, options.DecoderScale)
            : ReadoutTrainer.RandomStart(frozen.OutputNeuronCount, problem.OutputCount, trainingSeed);
        var (weights, loss) = ReadoutTrainer.Train(problem, frozen, settings, trainingSeed, start, BuildProgress.Current);
        var seconds = clock.Elapsed.TotalSeconds;
        return ToNetwork(problem, frozen, settings, weights, seed, values)
            .WithTraining(new TrainingRecord(loss, settings.Steps, seconds, trainingSeed.Value));
    }

    /// <summary>
    /// The frozen network's stage and layers, then the trained linear layer (float32-rounded, as a network
    /// file stores it) and a threshold per output at the loss's decision point.
    /// </summary>
    public static Network ToNetwork(AndProblem problem, Network frozen, TrainingSettings settings, double[] weights, Seed seed, ConstructionParameters values)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(frozen);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(weights);
        int units = frozen.OutputNeuronCount, outputs = problem.OutputCount;
        var matrix = new double[units * outputs];
        for (var u = 0; u < units; u++)
        {
            for (var e = 0; e < outputs; e++)
            {
                matrix[(e * units) + u] = (float)weights[(u * outputs) + e];
            }
        }
        var bias = weights.AsSpan(units * outputs, outputs).ToArray().Select(b => (double)(float)b).ToImmutableArray();
        var readout = new Layer.Affine(new WeightMatrix.Dense(outputs, units, matrix, singlePrecision: true), bias, Activation.Identity);
        var thresholds = ImmutableArray.Create(Enumerable.Repeat(settings.Threshold, outputs).ToArray());
        return Network.Create(Name, values, problem, seed, frozen.Input, [.. frozen.Layers, readout], new Readout.Threshold(thresholds), []);
    }
}

/// <summary>Where the hybrid's trained read-out starts.</summary>
public enum ReadoutStart
{
    /// <summary>The base's decoder as a linear layer (mean-above at the decoder's threshold).</summary>
    Decoder,

    /// <summary>Uniform ±1/√n_out, from the training seed.</summary>
    Random,
}
