using System.Diagnostics;
using Superposition.Inputs;
using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// The exact evaluator of networks of any shape (docs/mathematics.md §4.7): the input stage, then each
/// layer on the whole activation vector, then the read-out. Affine layers follow the arithmetic of
/// docs/interop.md ("Arithmetic"): each unit's pre-activation starts at +0, adds W[u,j]·a_j in double
/// for ascending j, skipping terms whose weight or activation is zero, then adds the bias, then ReLU
/// is max(0, ·). A factored layer sums integers, as the factored evaluator does, so on a factored
/// network both give the same result; <see cref="NetworkEvaluator"/> still sends that shape to the
/// faster <see cref="FactoredEvaluator"/>. Allocation-free per sample apart from the batch's outcome.
/// </summary>
public static class LayeredEvaluator
{
    /// <summary>Evaluates every sample of a batch; the scratch must have been made for this network.</summary>
    public static BatchOutcome Evaluate(Network network, SampleBatch batch, EvaluationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(batch);
        var layered = Require(scratch);
        var offsets = new int[batch.Count + 1];
        var decoded = new List<int>(batch.Count * 4);
        var minTrue = new double[batch.Count];
        var maxFalse = new double[batch.Count];
        for (var sample = 0; sample < batch.Count; sample++)
        {
            var truth = batch.Truth(sample);
            var features = network.Input is InputStage.Targets ? truth : batch.Active(sample);
            var last = Forward(network, features, layered);
            var count = Read(network.Readout, last, truth, layered, out minTrue[sample], out maxFalse[sample]);
            decoded.AddRange(layered.Decoded.AsSpan(0, count));
            offsets[sample + 1] = decoded.Count;
        }
        return new BatchOutcome(offsets, [.. decoded], minTrue, maxFalse);
    }

    /// <summary>The activation vector the read-out reads, for one input (a copy).</summary>
    public static double[] Activations(Network network, ReadOnlySpan<int> features, EvaluationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(network);
        return [.. Forward(network, features, Require(scratch))];
    }

    private static LayeredScratch Require(EvaluationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        return scratch.Layered ?? throw new ArgumentException("the scratch was made for a factored network", nameof(scratch));
    }

    /// <summary>Runs the stage and every layer; returns the last vector.</summary>
    private static double[] Forward(Network network, ReadOnlySpan<int> features, LayeredScratch scratch)
    {
        var nonzeros = Stage(network.Input, features, scratch);
        for (var k = 0; k < network.Layers.Length; k++)
        {
            var input = scratch.Vectors[k].AsSpan();
            var inputNonzeros = scratch.Nonzeros[k].AsSpan(0, nonzeros);
            var output = scratch.Vectors[k + 1];
            switch (network.Layers[k])
            {
                case Layer.Factored factored:
                    FactoredLayer(factored, network.Input.CodeOrNull!, inputNonzeros, output, scratch.FeatureCounts, scratch.Accumulators);
                    break;
                case Layer.Affine affine when scratch.SparseColumns[k] is { } columns:
                    SparseByColumns(affine, columns, input, inputNonzeros, output, scratch.Sums);
                    break;
                case Layer.Affine affine:
                    AffineLayer(affine, input, inputNonzeros, output);
                    break;
                default:
                    throw new UnreachableException($"layer {network.Layers[k].GetType().Name} has no evaluation");
            }
            nonzeros = ListNonzeros(output, scratch.Nonzeros[k + 1]);
        }
        return scratch.Vectors[network.Layers.Length];
    }

    private static int Stage(InputStage stage, ReadOnlySpan<int> features, LayeredScratch scratch)
    {
        var vector = scratch.Vectors[0];
        Array.Clear(vector);
        if (stage is InputStage.Embedding embedding)
        {
            // Features in ascending order, whatever order the sampler listed them in.
            foreach (var feature in features)
            {
                scratch.Marked[feature] = true;
            }
            var ordered = scratch.Ordered;
            var count = 0;
            foreach (var feature in features)
            {
                if (scratch.Marked[feature])
                {
                    ordered[count++] = feature;
                    scratch.Marked[feature] = false;
                }
            }
            ordered.AsSpan(0, count).Sort();
            var weights = embedding.Weights;
            for (var row = 0; row < vector.Length; row++)
            {
                var sum = 0.0;
                foreach (var feature in ordered.AsSpan(0, count))
                {
                    var weight = weights[row, feature];
                    if (weight != 0)
                    {
                        sum += weight;
                    }
                }
                vector[row] = sum;
            }
            return ListNonzeros(vector, scratch.Nonzeros[0]);
        }
        var code = stage.CodeOrNull!;
        foreach (var feature in features)
        {
            foreach (var neuron in code.Support(feature))
            {
                vector[neuron] = 1.0;
            }
        }
        return ListNonzeros(vector, scratch.Nonzeros[0]);
    }

    private static int ListNonzeros(double[] vector, int[] nonzeros)
    {
        var count = 0;
        for (var j = 0; j < vector.Length; j++)
        {
            if (vector[j] != 0)
            {
                nonzeros[count++] = j;
            }
        }
        return count;
    }

    /// <summary>Integer accumulators Σ_i M[u,i]·|C_i ∩ a| over the code's set neurons (every set neuron holds 1), then <see cref="Network.Activation"/>.</summary>
    private static void FactoredLayer(Layer.Factored layer, Codes.Code code, ReadOnlySpan<int> setNeurons, double[] output, long[] featureCounts, long[] accumulatorBuffer)
    {
        foreach (var neuron in setNeurons)
        {
            foreach (var feature in code.FeaturesOn(neuron))
            {
                featureCounts[feature]++;
            }
        }
        var accumulators = accumulatorBuffer.AsSpan(0, output.Length);
        accumulators.Clear();
        var compute = layer.Compute;
        for (var feature = 0; feature < featureCounts.Length; feature++)
        {
            var count = featureCounts[feature];
            if (count == 0)
            {
                continue;
            }
            featureCounts[feature] = 0;
            var rows = compute.Rows(feature);
            var weights = compute.Weights(feature);
            for (var k = 0; k < rows.Length; k++)
            {
                accumulators[rows[k]] += weights[k] * count;
            }
        }
        var width = code.Width(0);
        for (var u = 0; u < output.Length; u++)
        {
            output[u] = Network.Activation(accumulators[u], width, layer.Biases[u]);
        }
    }

    private static void AffineLayer(Layer.Affine layer, ReadOnlySpan<double> input, ReadOnlySpan<int> inputNonzeros, double[] output)
    {
        switch (layer.Weights)
        {
            case WeightMatrix.Dense dense:
                for (var u = 0; u < output.Length; u++)
                {
                    var row = dense.Row(u);
                    var sum = 0.0;
                    foreach (var j in inputNonzeros)
                    {
                        if (row[j] != 0)
                        {
                            sum += row[j] * input[j];
                        }
                    }
                    output[u] = Activate(layer.Activation, sum + layer.Bias[u]);
                }
                break;
            case WeightMatrix.Sparse sparse:
                for (var u = 0; u < output.Length; u++)
                {
                    var columns = sparse.RowColumns(u);
                    var values = sparse.RowValues(u);
                    var sum = 0.0;
                    for (var k = 0; k < columns.Length; k++)
                    {
                        if (values[k] != 0 && input[columns[k]] != 0)
                        {
                            sum += values[k] * input[columns[k]];
                        }
                    }
                    output[u] = Activate(layer.Activation, sum + layer.Bias[u]);
                }
                break;
            default:
                throw new UnreachableException($"weights {layer.Weights.GetType().Name} have no evaluation");
        }
    }

    /// <summary>
    /// A sparse layer pushed from its nonzero inputs through its columns: row u still adds W[u,j]·a_j for
    /// ascending j (the inputs are visited ascending, each column once), skipping zero weights and
    /// activations, then the bias, so the result is bit for bit that of the row-by-row sum, at a cost
    /// of the touched columns' entries rather than of every entry.
    /// </summary>
    private static void SparseByColumns(Layer.Affine layer, SparseColumns columns, ReadOnlySpan<double> input, ReadOnlySpan<int> inputNonzeros, double[] output, double[] sums)
    {
        var sum = sums.AsSpan(0, output.Length);
        sum.Clear();
        foreach (var j in inputNonzeros)
        {
            var a = input[j];
            for (var k = columns.Offsets[j]; k < columns.Offsets[j + 1]; k++)
            {
                sum[columns.Rows[k]] += columns.Values[k] * a;
            }
        }
        for (var u = 0; u < output.Length; u++)
        {
            output[u] = Activate(layer.Activation, sum[u] + layer.Bias[u]);
        }
    }

    /// <summary>The non-linearity: max(0, z) for ReLU (so −0 and every negative become +0), z for the identity.</summary>
    internal static double Activate(Activation activation, double z) => activation switch
    {
        Activation.Relu => Math.Max(0.0, z),
        Activation.Identity => z,
        _ => throw new UnreachableException($"activation {activation} has no definition"),
    };

    /// <summary>Decoded outputs into scratch.Decoded (ascending), with the smallest true and largest false margin.</summary>
    private static int Read(Readout readout, double[] last, ReadOnlySpan<int> truth, LayeredScratch scratch, out double minTrueMargin, out double maxFalseMargin)
    {
        minTrueMargin = double.PositiveInfinity;
        maxFalseMargin = double.NegativeInfinity;
        var count = 0;
        var nextTrue = 0;
        for (var output = 0; output < readout.OutputCount; output++)
        {
            var (fires, margin) = Output(readout, last, output, scratch.Support);
            if (fires)
            {
                scratch.Decoded[count++] = output;
            }
            // Truth is ascending, so one pointer walks it alongside the outputs.
            var isTrue = nextTrue < truth.Length && truth[nextTrue] == output;
            nextTrue += isTrue ? 1 : 0;
            if (isTrue)
            {
                minTrueMargin = Math.Min(minTrueMargin, margin);
            }
            else
            {
                maxFalseMargin = Math.Max(maxFalseMargin, margin);
            }
        }
        return count;
    }

    /// <summary>Whether one output fires and its margin: the decoder's on its support, or value − θ_e (fires iff value &gt; θ_e).</summary>
    internal static (bool Fires, double Margin) Output(Readout readout, ReadOnlySpan<double> last, int output, Span<double> support)
    {
        switch (readout)
        {
            case Readout.Code code:
                var neurons = code.OutputCode.Support(output);
                for (var k = 0; k < neurons.Length; k++)
                {
                    support[k] = last[neurons[k]];
                }
                var margin = code.Decoder.Margin(support[..neurons.Length]);
                return (margin > 0, margin);
            case Readout.Threshold threshold:
                var value = last[output];
                var theta = threshold.Thresholds[output];
                return (value > theta, value - theta);
            default:
                throw new UnreachableException($"read-out {readout.GetType().Name} has no definition");
        }
    }
}
