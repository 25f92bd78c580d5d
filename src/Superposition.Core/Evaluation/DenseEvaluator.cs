using System.Runtime.InteropServices;
using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// The reference evaluator for small networks: materialises W (scaled by b_in, so its entries are the
/// integers Σ_i M[u,i]·1[v ∈ C_i]) and computes every activation and every output densely, with no
/// reverse index and no skipping. Cost O(n_out · n_in) per input. A network of another shape is
/// evaluated by <see cref="DenseLayers"/>, the dense reference of every stage, layer and read-out.
/// </summary>
public sealed class DenseEvaluator
{
    private readonly Network _network;
    private readonly long[,] _scaledWeights;
    private readonly DenseLayers? _layers;

    public DenseEvaluator(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        if (!network.IsFactored)
        {
            _layers = new DenseLayers(network);
            _scaledWeights = new long[0, 0];
            return;
        }
        var inputNeurons = network.InputCode.NeuronCount;
        var outputNeurons = network.OutputNeuronCount;
        if ((long)inputNeurons * outputNeurons > 50_000_000)
        {
            throw new ArgumentException($"a dense {outputNeurons} × {inputNeurons} matrix is too large for the reference evaluator");
        }
        _scaledWeights = new long[outputNeurons, inputNeurons];
        if (network.Compute is { } compute)
        {
            for (var input = 0; input < compute.ColumnCount; input++)
            {
                var rows = compute.Rows(input);
                var weights = compute.Weights(input);
                for (var k = 0; k < rows.Length; k++)
                {
                    foreach (var neuron in network.InputCode.Support(input))
                    {
                        _scaledWeights[rows[k], neuron] += weights[k];
                    }
                }
            }
        }
    }

    /// <summary>b_in · W, dense (output neurons × input neurons).</summary>
    public long[,] ScaledWeights => _scaledWeights;

    /// <summary>Every activation of the read-out layer for an input (active inputs, or true outputs for Targets).</summary>
    public double[] Activations(ReadOnlySpan<int> features)
    {
        if (_layers is not null)
        {
            return _layers.Activations(features);
        }
        var encoded = new bool[_network.InputCode.NeuronCount];
        foreach (var feature in features)
        {
            foreach (var neuron in _network.InputCode.Support(feature))
            {
                encoded[neuron] = true;
            }
        }
        var activations = new double[_network.OutputNeuronCount];
        for (var u = 0; u < activations.Length; u++)
        {
            if (_network.Compute is null)
            {
                activations[u] = encoded[u] ? 1.0 : 0.0;
                continue;
            }
            long accumulator = 0;
            for (var v = 0; v < encoded.Length; v++)
            {
                accumulator += encoded[v] ? _scaledWeights[u, v] : 0;
            }
            activations[u] = Network.Activation(accumulator, _network.InputWidth, _network.Biases[u]);
        }
        return activations;
    }

    /// <summary>The decoded outputs for an input, ascending, by asking the reference decoder about every output's code.</summary>
    public int[] Decode(ReadOnlySpan<int> features)
    {
        if (_layers is not null)
        {
            return _layers.Decode(features);
        }
        var activations = Activations(features);
        var code = _network.OutputCode;
        var decoded = new List<int>();
        var support = new List<double>();
        for (var output = 0; output < code.FeatureCount; output++)
        {
            support.Clear();
            foreach (var neuron in code.Support(output))
            {
                support.Add(activations[neuron]);
            }
            if (_network.Decoder.Fires(CollectionsMarshal.AsSpan(support)))
            {
                decoded.Add(output);
            }
        }
        return [.. decoded];
    }

    /// <summary>The reference margin of every output for an input: the decoder's margin on its support's activations.</summary>
    public double[] Margins(ReadOnlySpan<int> features)
    {
        if (_layers is not null)
        {
            return _layers.Margins(features);
        }
        var activations = Activations(features);
        var code = _network.OutputCode;
        var margins = new double[code.FeatureCount];
        for (var output = 0; output < margins.Length; output++)
        {
            double[] support = [.. code.Support(output).ToArray().Select(neuron => activations[neuron])];
            margins[output] = _network.Decoder.Margin(support);
        }
        return margins;
    }
}
