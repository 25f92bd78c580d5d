using System.Diagnostics;
using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// The dense reference for a network of any shape (docs/mathematics.md §4.7): every matrix materialised
/// (a factored layer as the integer matrix b_in · W = M · Dec), every activation computed over every
/// column in ascending order with the arithmetic of docs/interop.md ("Arithmetic"): a term whose weight
/// or activation is zero adds nothing, the bias is added after the sum, ReLU is max(0, ·). No reverse
/// index, no sparse storage: small networks only.
/// </summary>
internal sealed class DenseLayers
{
    private const long MaxEntries = 50_000_000;

    private readonly Network _network;
    private readonly double[,]? _embedding;
    private readonly object[] _matrices;

    public DenseLayers(Network network)
    {
        _network = network;
        if (network.Input is InputStage.Embedding embedding)
        {
            _embedding = Materialise(embedding.Weights);
        }
        _matrices = new object[network.Layers.Length];
        for (var k = 0; k < network.Layers.Length; k++)
        {
            _matrices[k] = network.Layers[k] switch
            {
                Layer.Factored factored => ScaledWeights(factored, network.Input.CodeOrNull!),
                Layer.Affine affine => Materialise(affine.Weights),
                var other => throw new UnreachableException($"layer {other.GetType().Name} has no dense form"),
            };
        }
    }

    private static void CheckSize(long rows, long columns)
    {
        if (rows * columns > MaxEntries)
        {
            throw new ArgumentException($"a dense {rows} × {columns} matrix is too large for the reference evaluator");
        }
    }

    private static double[,] Materialise(WeightMatrix weights)
    {
        CheckSize(weights.RowCount, weights.ColumnCount);
        var dense = new double[weights.RowCount, weights.ColumnCount];
        for (var row = 0; row < weights.RowCount; row++)
        {
            for (var column = 0; column < weights.ColumnCount; column++)
            {
                dense[row, column] = weights[row, column];
            }
        }
        return dense;
    }

    private static long[,] ScaledWeights(Layer.Factored layer, Codes.Code code)
    {
        CheckSize(layer.Width, code.NeuronCount);
        var scaled = new long[layer.Width, code.NeuronCount];
        for (var input = 0; input < layer.Compute.ColumnCount; input++)
        {
            var rows = layer.Compute.Rows(input);
            var weights = layer.Compute.Weights(input);
            for (var k = 0; k < rows.Length; k++)
            {
                foreach (var neuron in code.Support(input))
                {
                    scaled[rows[k], neuron] += weights[k];
                }
            }
        }
        return scaled;
    }

    /// <summary>The vector the read-out reads.</summary>
    public double[] Activations(ReadOnlySpan<int> features)
    {
        var vector = StageVector(features);
        for (var k = 0; k < _network.Layers.Length; k++)
        {
            vector = _network.Layers[k] switch
            {
                Layer.Factored factored => FactoredLayer((long[,])_matrices[k], factored, _network.Input.CodeOrNull!.Width(0), vector),
                Layer.Affine affine => AffineLayer((double[,])_matrices[k], affine, vector),
                var other => throw new UnreachableException($"layer {other.GetType().Name} has no dense form"),
            };
        }
        return vector;
    }

    private double[] StageVector(ReadOnlySpan<int> features)
    {
        var active = new bool[_network.Input.FeatureCount];
        foreach (var feature in features)
        {
            active[feature] = true;
        }
        var vector = new double[_network.Input.Width];
        if (_embedding is not null)
        {
            for (var row = 0; row < vector.Length; row++)
            {
                var sum = 0.0;
                for (var feature = 0; feature < active.Length; feature++)
                {
                    if (active[feature] && _embedding[row, feature] != 0)
                    {
                        sum += _embedding[row, feature] * 1.0;
                    }
                }
                vector[row] = sum;
            }
            return vector;
        }
        var code = _network.Input.CodeOrNull!;
        for (var feature = 0; feature < active.Length; feature++)
        {
            if (active[feature])
            {
                foreach (var neuron in code.Support(feature))
                {
                    vector[neuron] = 1.0;
                }
            }
        }
        return vector;
    }

    private static double[] FactoredLayer(long[,] scaled, Layer.Factored layer, int codeWidth, double[] input)
    {
        var output = new double[layer.Width];
        for (var u = 0; u < output.Length; u++)
        {
            long accumulator = 0;
            for (var v = 0; v < input.Length; v++)
            {
                accumulator += input[v] != 0 ? scaled[u, v] : 0;
            }
            output[u] = Network.Activation(accumulator, codeWidth, layer.Biases[u]);
        }
        return output;
    }

    private static double[] AffineLayer(double[,] weights, Layer.Affine layer, double[] input)
    {
        var output = new double[layer.Width];
        for (var u = 0; u < output.Length; u++)
        {
            var sum = 0.0;
            for (var j = 0; j < input.Length; j++)
            {
                if (weights[u, j] != 0 && input[j] != 0)
                {
                    sum += weights[u, j] * input[j];
                }
            }
            var z = sum + layer.Bias[u];
            output[u] = layer.Activation == Activation.Relu ? Math.Max(0.0, z) : z;
        }
        return output;
    }

    public int[] Decode(ReadOnlySpan<int> features)
    {
        var margins = Margins(features, out var fires);
        return [.. Enumerable.Range(0, margins.Length).Where(output => fires[output])];
    }

    public double[] Margins(ReadOnlySpan<int> features) => Margins(features, out _);

    private double[] Margins(ReadOnlySpan<int> features, out bool[] fires)
    {
        var last = Activations(features);
        var readout = _network.Readout;
        var margins = new double[readout.OutputCount];
        fires = new bool[margins.Length];
        for (var output = 0; output < margins.Length; output++)
        {
            switch (readout)
            {
                case Readout.Code code:
                    double[] support = [.. code.OutputCode.Support(output).ToArray().Select(neuron => last[neuron])];
                    margins[output] = code.Decoder.Margin(support);
                    fires[output] = code.Decoder.Fires(support);
                    break;
                case Readout.Threshold threshold:
                    margins[output] = last[output] - threshold.Thresholds[output];
                    fires[output] = last[output] > threshold.Thresholds[output];
                    break;
                default:
                    throw new UnreachableException($"read-out {readout.GetType().Name} has no definition");
            }
        }
        return margins;
    }
}
