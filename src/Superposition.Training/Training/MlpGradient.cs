using Superposition.Inputs;

namespace Superposition.Training;

/// <summary>
/// The loss of a one-hidden-layer ReLU network on a batch of one-hot inputs and its exact gradient by
/// back-propagation. Every sum runs single-threaded in a fixed order (samples ascending, then units
/// ascending), so the same parameters and batch give the same bits on the same machine.
/// </summary>
public static class MlpGradient
{
    /// <summary>
    /// Mean over samples and outputs of the loss; writes its gradient with respect to
    /// <see cref="MlpParameters.Values"/> into <paramref name="gradient"/> (overwritten, same length).
    /// </summary>
    public static double LossAndGradient(MlpParameters parameters, SampleBatch batch, TrainingLoss loss, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(batch);
        if (gradient.Length != parameters.Values.Length)
        {
            throw new ArgumentException($"{gradient.Length} gradient entries for {parameters.Values.Length} parameters", nameof(gradient));
        }
        gradient.Clear();
        int inputs = parameters.InputCount, hidden = parameters.HiddenWidth, outputs = parameters.OutputCount;
        var values = parameters.Values;
        var pre = new double[hidden];
        var act = new double[hidden];
        var logits = new double[outputs];
        var target = new double[outputs];
        var dLogit = new double[outputs];
        var dHidden = new double[hidden];
        var scale = 1.0 / ((double)batch.Count * outputs);
        var total = 0.0;
        for (var k = 0; k < batch.Count; k++)
        {
            var active = batch.Active(k);
            for (var u = 0; u < hidden; u++)
            {
                // A one-hot input's product W1·x is the sum of the active columns.
                var sum = values[parameters.B1Offset + u];
                foreach (var i in active)
                {
                    sum += values[MlpParameters.W1Offset + (u * inputs) + i];
                }
                pre[u] = sum;
                act[u] = Math.Max(0.0, sum);
            }
            Array.Clear(target);
            foreach (var e in batch.Truth(k))
            {
                target[e] = 1.0;
            }
            for (var e = 0; e < outputs; e++)
            {
                var z = values[parameters.B2Offset + e];
                var row = parameters.W2Offset + (e * hidden);
                for (var u = 0; u < hidden; u++)
                {
                    z += values[row + u] * act[u];
                }
                logits[e] = z;
                var (value, derivative) = Pointwise(loss, z, target[e]);
                total += value;
                dLogit[e] = derivative * scale;
            }
            Array.Clear(dHidden);
            for (var e = 0; e < outputs; e++)
            {
                var row = parameters.W2Offset + (e * hidden);
                var d = dLogit[e];
                for (var u = 0; u < hidden; u++)
                {
                    gradient[row + u] += d * act[u];
                    dHidden[u] += d * values[row + u];
                }
                gradient[parameters.B2Offset + e] += d;
            }
            for (var u = 0; u < hidden; u++)
            {
                if (pre[u] <= 0)
                {
                    continue;
                }
                var d = dHidden[u];
                gradient[parameters.B1Offset + u] += d;
                foreach (var i in active)
                {
                    gradient[MlpParameters.W1Offset + (u * inputs) + i] += d;
                }
            }
        }
        return total * scale;
    }

    /// <summary>One output's loss and its derivative in the logit z, for target y ∈ {0, 1}.</summary>
    public static (double Value, double Derivative) Pointwise(TrainingLoss loss, double z, double y)
    {
        switch (loss)
        {
            case TrainingLoss.Bce:
                // log(1 + e^z) − y·z, written so that neither branch overflows for large |z|.
                var softplus = z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
                var sigmoid = z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
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
}
