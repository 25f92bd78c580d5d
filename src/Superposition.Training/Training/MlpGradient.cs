using System.Numerics.Tensors;
using Superposition.Codes;
using Superposition.Inputs;

namespace Superposition.Training;

/// <summary>
/// The loss of a one-hidden-layer ReLU network on a batch of binary inputs and its exact gradient by
/// back-propagation. The network's input neurons are the active features (one-hot) or, given an input
/// code, the union of their codes' supports (the code-OR stage of superposed inputs). Every sum runs
/// single-threaded in a fixed order (samples ascending, then units ascending), so the same parameters and
/// batch give the same bits on the same machine (the vector kernels of TensorPrimitives pick their width
/// from the processor, so another machine may round differently). Hidden units at zero are skipped: they
/// add nothing to a logit and pass no gradient, so the sums are those of the dense formula.
/// </summary>
public static class MlpGradient
{
    /// <summary>
    /// Mean over samples and outputs of the loss; writes its gradient with respect to
    /// <see cref="MlpParameters.Values"/> into <paramref name="gradient"/> (overwritten, same length).
    /// <paramref name="inputCode"/> maps features to input neurons; null for one-hot inputs. True outputs weigh <paramref name="positiveWeight"/>.
    /// </summary>
    public static double LossAndGradient(MlpParameters parameters, SampleBatch batch, TrainingLoss loss, Span<double> gradient, Code? inputCode = null, double positiveWeight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(batch);
        if (gradient.Length != parameters.Values.Length)
        {
            throw new ArgumentException($"{gradient.Length} gradient entries for {parameters.Values.Length} parameters", nameof(gradient));
        }
        if (inputCode is not null && inputCode.NeuronCount != parameters.InputCount)
        {
            throw new ArgumentException($"the input code has {inputCode.NeuronCount} neurons for {parameters.InputCount} network inputs", nameof(inputCode));
        }
        gradient.Clear();
        int inputs = parameters.InputCount, hidden = parameters.HiddenWidth, outputs = parameters.OutputCount;
        var values = parameters.Values;
        var pre = new double[hidden];
        var act = new double[hidden];
        var live = new int[hidden];
        var target = new double[outputs];
        var logits = new double[outputs];
        var dLogit = new double[outputs];
        var neurons = new InputNeurons(inputCode, inputs);
        var b2 = parameters.B2;
        var b2Gradient = gradient.Slice(parameters.B2Offset, outputs);
        var scale = 1.0 / ((double)batch.Count * outputs);
        var total = 0.0;
        for (var k = 0; k < batch.Count; k++)
        {
            var active = neurons.Of(batch.Active(k));
            var liveCount = 0;
            for (var u = 0; u < hidden; u++)
            {
                // A binary input's product W1·x is the sum of the active columns.
                var sum = values[parameters.B1Offset + u];
                foreach (var i in active)
                {
                    sum += values[MlpParameters.W1Offset + (u * inputs) + i];
                }
                pre[u] = sum;
                act[u] = Math.Max(0.0, sum);
                if (sum > 0)
                {
                    live[liveCount++] = u;
                }
            }
            var liveUnits = live.AsSpan(0, liveCount);
            Array.Clear(target);
            foreach (var e in batch.Truth(k))
            {
                target[e] = 1.0;
            }
            // Logits: b2 plus each live unit's weight row scaled by its activation, units ascending.
            b2.CopyTo(logits);
            foreach (var u in liveUnits)
            {
                TensorPrimitives.MultiplyAdd(values.AsSpan(parameters.W2Offset + (u * outputs), outputs), act[u], logits, logits);
            }
            for (var e = 0; e < outputs; e++)
            {
                var (value, derivative) = Pointwise(loss, logits[e], target[e], positiveWeight);
                total += value;
                dLogit[e] = derivative * scale;
            }
            TensorPrimitives.Add(b2Gradient, dLogit, b2Gradient);
            foreach (var u in liveUnits)
            {
                var row = parameters.W2Offset + (u * outputs);
                var rowGradient = gradient.Slice(row, outputs);
                TensorPrimitives.MultiplyAdd(dLogit, act[u], rowGradient, rowGradient);
                var d = TensorPrimitives.Dot(values.AsSpan(row, outputs), dLogit);
                gradient[parameters.B1Offset + u] += d;
                foreach (var i in active)
                {
                    gradient[MlpParameters.W1Offset + (u * inputs) + i] += d;
                }
            }
        }
        return total * scale;
    }

    /// <summary>
    /// One output's loss and its derivative in the logit z, for target y ∈ {0, 1}; a true output's (y = 1)
    /// both multiplied by <paramref name="positiveWeight"/>, so that the rare true outputs weigh as much as the many false ones.
    /// </summary>
    public static (double Value, double Derivative) Pointwise(TrainingLoss loss, double z, double y, double positiveWeight)
    {
        var (value, derivative) = Pointwise(loss, z, y);
        return y > 0 ? (value * positiveWeight, derivative * positiveWeight) : (value, derivative);
    }

    /// <summary>One output's loss and its derivative in the logit z, for target y ∈ {0, 1}.</summary>
    public static (double Value, double Derivative) Pointwise(TrainingLoss loss, double z, double y)
    {
        switch (loss)
        {
            case TrainingLoss.Bce:
                // log(1 + e^z) − y·z and σ(z) − y from one t = e^(−|z|), so that nothing overflows for large |z|.
                var t = Math.Exp(-Math.Abs(z));
                var softplus = Math.Max(z, 0) + Math.Log(1 + t);
                var sigmoid = z >= 0 ? 1 / (1 + t) : t / (1 + t);
                return (softplus - (y * z), sigmoid - y);
            case TrainingLoss.Mse:
                return ((z - y) * (z - y), 2 * (z - y));
            case TrainingLoss.L4:
                var r = z - y;
                return (r * r * r * r, 4 * r * r * r);
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown loss");
        }
    }

    /// <summary>The active input neurons of a sample: its features, or the sorted union of their code supports.</summary>
    private sealed class InputNeurons(Code? code, int neuronCount)
    {
        private readonly bool[] _seen = new bool[code is null ? 0 : neuronCount];
        private readonly List<int> _union = [];

        public int[] Of(ReadOnlySpan<int> features)
        {
            if (code is null)
            {
                return features.ToArray();
            }
            _union.Clear();
            foreach (var feature in features)
            {
                foreach (var neuron in code.Support(feature))
                {
                    if (!_seen[neuron])
                    {
                        _seen[neuron] = true;
                        _union.Add(neuron);
                    }
                }
            }
            _union.Sort();
            foreach (var neuron in _union)
            {
                _seen[neuron] = false;
            }
            return [.. _union];
        }
    }
}
