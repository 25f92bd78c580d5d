using System.Numerics.Tensors;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Training;

/// <summary>
/// The activations a frozen network's read-out reads, for one input: the positive units, ascending, and
/// their values (ReLU units at zero add nothing to a linear read-out and take no gradient).
/// </summary>
public sealed record SparseActivations(int[] Units, double[] Values);

/// <summary>
/// Trains a linear read-out z = W·h + b on the activation vector h of a frozen network (the hybrid
/// construction): the frozen part is evaluated by the tool's exact evaluator, only W (stored by unit,
/// unit u's weights to every output contiguous) and b move, with the trainer's loss and Adam. A pure
/// function of its arguments; every sum runs in a fixed order, as in <see cref="MlpGradient"/>.
/// </summary>
public static class ReadoutTrainer
{
    /// <summary>The positive activations of <paramref name="frozen"/>'s read-out input for one input.</summary>
    public static SparseActivations Activations(Network frozen, ReadOnlySpan<int> active, EvaluationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(frozen);
        var dense = NetworkEvaluator.Activations(frozen, active, scratch);
        var units = new List<int>();
        var values = new List<double>();
        for (var u = 0; u < dense.Length; u++)
        {
            if (dense[u] > 0)
            {
                units.Add(u);
                values.Add(dense[u]);
            }
        }
        return new SparseActivations([.. units], [.. values]);
    }

    /// <summary>
    /// Mean over samples and outputs of the loss of z = W·h + b against the batch's truth, and its gradient
    /// with respect to <paramref name="weights"/> (W by unit, then b) in <paramref name="gradient"/>: the
    /// rows of the units some sample reaches (<paramref name="touched"/>, ascending) and b are overwritten;
    /// every other row's gradient is zero and is left as it was, so a read-out of 10⁸ weights is not cleared per step.
    /// True outputs weigh <paramref name="positiveWeight"/>.
    /// </summary>
    public static double LossAndGradient(ReadOnlySpan<double> weights, int units, int outputs, IReadOnlyList<SparseActivations> activations, SampleBatch batch, TrainingLoss loss, Span<double> gradient, out int[] touched, double positiveWeight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(batch);
        var length = checked((units * outputs) + outputs);
        if (weights.Length != length || gradient.Length != length || activations.Count != batch.Count)
        {
            throw new ArgumentException($"{weights.Length} weights, {gradient.Length} gradient entries and {activations.Count} activation vectors for {units} units, {outputs} outputs and {batch.Count} samples");
        }
        var reached = new SortedSet<int>();
        foreach (var sample in activations)
        {
            reached.UnionWith(sample.Units);
        }
        touched = [.. reached];
        foreach (var unit in touched)
        {
            gradient.Slice(unit * outputs, outputs).Clear();
        }
        gradient.Slice(units * outputs, outputs).Clear();
        var bias = weights.Slice(units * outputs, outputs);
        var biasGradient = gradient.Slice(units * outputs, outputs);
        var logits = new double[outputs];
        var target = new double[outputs];
        var dLogit = new double[outputs];
        var scale = 1.0 / ((double)batch.Count * outputs);
        var total = 0.0;
        for (var k = 0; k < batch.Count; k++)
        {
            var (live, values) = (activations[k].Units, activations[k].Values);
            bias.CopyTo(logits);
            for (var j = 0; j < live.Length; j++)
            {
                TensorPrimitives.MultiplyAdd(weights.Slice(live[j] * outputs, outputs), values[j], logits, logits);
            }
            Array.Clear(target);
            foreach (var e in batch.Truth(k))
            {
                target[e] = 1.0;
            }
            for (var e = 0; e < outputs; e++)
            {
                var (value, derivative) = MlpGradient.Pointwise(loss, logits[e], target[e], positiveWeight);
                total += value;
                dLogit[e] = derivative * scale;
            }
            TensorPrimitives.Add(biasGradient, dLogit, biasGradient);
            for (var j = 0; j < live.Length; j++)
            {
                var row = gradient.Slice(live[j] * outputs, outputs);
                TensorPrimitives.MultiplyAdd(dLogit, values[j], row, row);
            }
        }
        return total * scale;
    }

    /// <summary>
    /// Trains W and b from uniform ±1/√units (seeded) with lazy Adam on the settings' training batches, seen
    /// through <paramref name="frozen"/>; <paramref name="onStep"/> hears each finished step (1-based) and the total.
    /// </summary>
    public static (double[] Weights, double FinalLoss) Train(AndProblem problem, Network frozen, TrainingSettings settings, Seed seed, Action<int, int>? onStep = null) =>
        Train(problem, frozen, settings, seed, RandomStart(frozen.OutputNeuronCount, problem.OutputCount, seed), onStep);

    /// <summary>W and b uniform in ±1/√units, from the seed.</summary>
    public static double[] RandomStart(int units, int outputs, Seed seed)
    {
        var weights = new double[checked((units * outputs) + outputs)];
        var rng = new Rng(seed.Derive("initial-weights"));
        var bound = 1 / Math.Sqrt(Math.Max(1, units));
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = ((2 * rng.NextDouble()) - 1) * bound;
        }
        return weights;
    }

    /// <summary>
    /// The base's code read-out as a linear layer: z_e = scale · (mean of h over e's code − θ) + t, with θ
    /// the decoder's threshold and t the loss's decision point, so z_e is above t exactly when the mean
    /// of e's neurons is above θ (mean-above; for codes of width 1, as dedicated's, the same as all-above).
    /// </summary>
    public static double[] DecoderStart(Readout.Code readout, TrainingSettings settings, double scale)
    {
        ArgumentNullException.ThrowIfNull(readout);
        ArgumentNullException.ThrowIfNull(settings);
        var (units, outputs) = (readout.InputWidth, readout.OutputCount);
        var weights = new double[checked((units * outputs) + outputs)];
        for (var e = 0; e < outputs; e++)
        {
            var support = readout.OutputCode.Support(e);
            foreach (var u in support)
            {
                weights[(u * outputs) + e] = scale / support.Length;
            }
            weights[(units * outputs) + e] = settings.Threshold - (scale * readout.Decoder.Threshold);
        }
        return weights;
    }

    /// <summary>Trains from the given start (W by unit, then b; not modified).</summary>
    public static (double[] Weights, double FinalLoss) Train(AndProblem problem, Network frozen, TrainingSettings settings, Seed seed, double[] start, Action<int, int>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(frozen);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        }
        ArgumentNullException.ThrowIfNull(start);
        int units = frozen.OutputNeuronCount, outputs = problem.OutputCount;
        if (start.Length != (units * outputs) + outputs)
        {
            throw new ArgumentException($"{start.Length} start values for {units} units and {outputs} outputs", nameof(start));
        }
        var weights = (double[])start.Clone();
        var gradient = new double[weights.Length];
        var firstMoment = new double[weights.Length];
        var secondMoment = new double[weights.Length];
        var scratch = new EvaluationScratch(frozen);
        var loss = double.NaN;
        for (var step = 0; step < settings.Steps; step++)
        {
            var batch = Trainer.TrainingBatch(problem, settings, seed, step);
            var activations = new SparseActivations[batch.Count];
            for (var k = 0; k < batch.Count; k++)
            {
                activations[k] = Activations(frozen, batch.Active(k), scratch);
            }
            loss = LossAndGradient(weights, units, outputs, activations, batch, settings.Loss, gradient, out var touched, settings.PositiveWeight);
            // Lazy Adam: only the rows the batch reached and b move, with the global step's bias
            // correction; a row no input reached keeps its moments until one does.
            foreach (var row in touched.Select(u => u * outputs).Append(units * outputs))
            {
                Adam.Step(weights.AsSpan(row, outputs), gradient.AsSpan(row, outputs), firstMoment.AsSpan(row, outputs), secondMoment.AsSpan(row, outputs), settings, step);
            }
            onStep?.Invoke(step + 1, settings.Steps);
        }
        return (weights, loss);
    }
}
