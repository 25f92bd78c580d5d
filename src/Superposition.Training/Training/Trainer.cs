using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Training;

/// <summary>What training produced: the parameters, the last batch's loss and the steps taken.</summary>
public sealed record TrainingResult(MlpParameters Parameters, double FinalLoss, int Steps);

/// <summary>
/// Trains a one-hidden-layer ReLU network on one-hot inputs of a 2-AND problem with Adam, and turns the
/// weights into the tool's <see cref="Network"/> so the ordinary evaluator, counts and export apply. A
/// pure function of its arguments: the initial weights and every training batch come from seeds derived
/// from <c>seed</c>, the batches from the tool's own input samplers, and all sums run in a fixed order.
/// </summary>
public static class Trainer
{
    /// <summary>The construction name trained networks carry.</summary>
    public const string ConstructionName = "trained";

    /// <summary>Uniform in ±1/√fan-in for weights and biases alike (the usual default for a linear layer).</summary>
    public static MlpParameters Initial(int inputCount, int hiddenWidth, int outputCount, Seed seed)
    {
        var parameters = new MlpParameters(inputCount, hiddenWidth, outputCount, new double[MlpParameters.Length(inputCount, hiddenWidth, outputCount)]);
        var rng = new Rng(seed.Derive("initial-weights"));
        var values = parameters.Values;
        var hiddenBound = 1 / Math.Sqrt(inputCount);
        var outputBound = 1 / Math.Sqrt(hiddenWidth);
        for (var k = 0; k < parameters.W2Offset; k++)
        {
            values[k] = ((2 * rng.NextDouble()) - 1) * hiddenBound;
        }
        for (var k = parameters.W2Offset; k < values.Length; k++)
        {
            values[k] = ((2 * rng.NextDouble()) - 1) * outputBound;
        }
        return parameters;
    }

    /// <summary>The training inputs of step <paramref name="step"/>: a batch drawn from the settings' distribution.</summary>
    public static SampleBatch TrainingBatch(Problem problem, TrainingSettings settings, Seed seed, int step)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return InputSamplers.Batch(problem, settings.InputDistribution, step * settings.BatchSize, settings.BatchSize, seed.Derive("training-inputs", step));
    }

    /// <summary>
    /// Trains from <see cref="Initial"/> with Adam on <see cref="TrainingBatch"/> batches. The network's
    /// inputs are the features (one-hot) or, given <paramref name="inputCode"/>, that code's neurons
    /// (code-OR, the superposed inputs of the constructions). <paramref name="onStep"/> hears each finished step (1-based) and the total.
    /// </summary>
    public static TrainingResult Train(AndProblem problem, TrainingSettings settings, Seed seed, Code? inputCode = null, Action<int, int>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        }
        if (inputCode is not null && inputCode.FeatureCount != problem.InputCount)
        {
            throw new ArgumentException($"the input code has {inputCode.FeatureCount} features for {problem.InputCount} problem inputs", nameof(inputCode));
        }
        var parameters = Initial(inputCode?.NeuronCount ?? problem.InputCount, settings.HiddenWidth, problem.OutputCount, seed);
        var values = parameters.Values;
        var gradient = new double[values.Length];
        var firstMoment = new double[values.Length];
        var secondMoment = new double[values.Length];
        var loss = double.NaN;
        for (var step = 0; step < settings.Steps; step++)
        {
            var batch = TrainingBatch(problem, settings, seed, step);
            loss = MlpGradient.LossAndGradient(parameters, batch, settings.Loss, gradient, inputCode, settings.PositiveWeight);
            Adam.Step(values, gradient, firstMoment, secondMoment, settings, step);
            onStep?.Invoke(step + 1, settings.Steps);
        }
        return new TrainingResult(parameters, loss, settings.Steps);
    }

    /// <summary>
    /// The trained network in the tool's form: a one-hot stage (or the code-OR stage of
    /// <paramref name="inputCode"/>), a dense ReLU layer, a dense linear layer and a per-output threshold
    /// at the loss's decision point, under the construction name and canonical values given. Weights and
    /// biases are rounded to float32, the precision a network file stores, so an exported network
    /// evaluates like this one.
    /// </summary>
    public static Network ToNetwork(AndProblem problem, TrainingSettings settings, MlpParameters parameters, Seed seed, Code? inputCode = null, string construction = ConstructionName, ConstructionParameters? values = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.InputCount != (inputCode?.NeuronCount ?? problem.InputCount) || parameters.OutputCount != problem.OutputCount)
        {
            throw new ArgumentException("the parameters do not match the problem's inputs and outputs", nameof(parameters));
        }
        var hidden = new Layer.Affine(
            new WeightMatrix.Dense(parameters.HiddenWidth, parameters.InputCount, Single(parameters.W1), singlePrecision: true),
            [.. Single(parameters.B1)],
            Activation.Relu);
        var output = new Layer.Affine(
            new WeightMatrix.Dense(parameters.OutputCount, parameters.HiddenWidth, Single(Transposed(parameters.W2, parameters.HiddenWidth, parameters.OutputCount)), singlePrecision: true),
            [.. Single(parameters.B2)],
            Activation.Identity);
        var thresholds = ImmutableArray.Create(Enumerable.Repeat(settings.Threshold, parameters.OutputCount).ToArray());
        InputStage input = inputCode is null ? new InputStage.OneHot(problem.InputCount) : new InputStage.CodeOr(inputCode);
        return Network.Create(construction, values ?? ConstructionParameters.Empty, problem, seed, input, [hidden, output], new Readout.Threshold(thresholds), []);
    }

    /// <summary>A rows × columns row-major matrix as columns × rows row-major.</summary>
    private static double[] Transposed(ReadOnlySpan<double> values, int rows, int columns)
    {
        var transposed = new double[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                transposed[(c * rows) + r] = values[(r * columns) + c];
            }
        }
        return transposed;
    }

    private static double[] Single(ReadOnlySpan<double> values)
    {
        var rounded = new double[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            rounded[k] = (float)values[k];
        }
        return rounded;
    }
}
