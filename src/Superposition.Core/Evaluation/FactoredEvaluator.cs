using Superposition.Inputs;
using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// The production evaluator (constructions.md 4.6): touches only what a sample touches. Encode the
/// active features into input neurons; walk the reverse index to count |C_i ∩ a| for every input read
/// above zero; scatter those integer counts through M's columns into integer accumulators; apply
/// bias and ReLU to touched neurons only (untouched ones sit at a negative bias, hence zero); walk the
/// output code's reverse index from every positive neuron to decode. All sums are integers until the
/// single division in <see cref="Network.Activation"/>, so the result is exact and equals
/// <see cref="DenseEvaluator"/> bit for bit.
/// </summary>
public static class FactoredEvaluator
{
    /// <summary>Evaluates every sample of a batch with caller-owned scratch.</summary>
    public static BatchOutcome Evaluate(Network network, SampleBatch batch, EvaluationScratch scratch)
    {
        var offsets = new int[batch.Count + 1];
        var decoded = new List<int>(batch.Count * 4);
        var minTrue = new double[batch.Count];
        var maxFalse = new double[batch.Count];
        for (var k = 0; k < batch.Count; k++)
        {
            var truth = batch.Truth(k);
            var features = network.InputEncoding == InputEncoding.Targets ? truth : batch.Active(k);
            var count = EvaluateSample(network, features, truth, scratch, out minTrue[k], out maxFalse[k]);
            decoded.AddRange(scratch.Decoded.AsSpan(0, count));
            offsets[k + 1] = decoded.Count;
        }
        return new BatchOutcome(offsets, [.. decoded], minTrue, maxFalse);
    }

    /// <summary>
    /// The dense activation vector of the read-out layer for one input, built from the touched neurons
    /// (every other neuron is zero). For tests against <see cref="DenseEvaluator"/> on small networks.
    /// </summary>
    public static double[] Activations(Network network, ReadOnlySpan<int> features, EvaluationScratch scratch)
    {
        var touched = Forward(network, features, scratch);
        var activations = new double[network.OutputNeuronCount];
        foreach (var neuron in scratch.TouchedNeurons.AsSpan(0, touched))
        {
            activations[neuron] = ActivationOf(network, scratch, neuron);
        }
        return activations;
    }

    /// <summary>
    /// Evaluates one sample: writes its decoded outputs (ascending) to scratch.Decoded and returns their
    /// number. <paramref name="features"/> are the active inputs, or the true outputs for a network
    /// with <see cref="InputEncoding.Targets"/>; <paramref name="truth"/> is sorted.
    /// </summary>
    public static int EvaluateSample(Network network, ReadOnlySpan<int> features, ReadOnlySpan<int> truth, EvaluationScratch scratch, out double minTrueMargin, out double maxFalseMargin)
    {
        var touchedNeurons = Forward(network, features, scratch);
        var generation = scratch.Generation;
        var code = network.OutputCode;
        var touchedOutputs = 0;
        foreach (var neuron in scratch.TouchedNeurons.AsSpan(0, touchedNeurons))
        {
            var activation = ActivationOf(network, scratch, neuron);
            if (activation <= 0)
            {
                continue;
            }
            foreach (var output in code.FeaturesOn(neuron))
            {
                if (scratch.OutputStamp[output] != generation)
                {
                    scratch.OutputStamp[output] = generation;
                    scratch.PositiveCounts[output] = 0;
                    scratch.MinActivation[output] = double.PositiveInfinity;
                    scratch.TouchedOutputs[touchedOutputs++] = output;
                }
                scratch.PositiveCounts[output]++;
                scratch.MinActivation[output] = Math.Min(scratch.MinActivation[output], activation);
            }
        }

        // Margins: an output nobody touched reads at the floor (0 − threshold).
        var floor = -network.DecodeThreshold;
        var decodedCount = 0;
        minTrueMargin = double.PositiveInfinity;
        maxFalseMargin = double.NegativeInfinity;
        var touchedFalse = 0;
        foreach (var output in scratch.TouchedOutputs.AsSpan(0, touchedOutputs))
        {
            var margin = Margin(network, scratch, output);
            if (margin > 0)
            {
                scratch.Decoded[decodedCount++] = output;
            }
            if (truth.BinarySearch(output) >= 0)
            {
                minTrueMargin = Math.Min(minTrueMargin, margin);
            }
            else
            {
                maxFalseMargin = Math.Max(maxFalseMargin, margin);
                touchedFalse++;
            }
        }
        foreach (var output in truth)
        {
            if (scratch.OutputStamp[output] != generation)
            {
                minTrueMargin = Math.Min(minTrueMargin, floor);
            }
        }
        if (code.FeatureCount - truth.Length - touchedFalse > 0)
        {
            maxFalseMargin = Math.Max(maxFalseMargin, floor);
        }
        scratch.Decoded.AsSpan(0, decodedCount).Sort();
        return decodedCount;
    }

    /// <summary>Activation of the threshold rule, minus the threshold: positive iff the output reads as 1.</summary>
    private static double Margin(Network network, EvaluationScratch scratch, int output)
    {
        var width = network.OutputCode.Width(output);
        if (width == 0)
        {
            return -network.DecodeThreshold;
        }
        return network.DecodeRule switch
        {
            DecodeRule.AllAbove => (scratch.PositiveCounts[output] == width ? scratch.MinActivation[output] : 0.0) - network.DecodeThreshold,
            DecodeRule.MeanAbove => MeanActivation(network, scratch, output) - network.DecodeThreshold,
            _ => throw new InvalidOperationException($"unknown decode rule {network.DecodeRule}"),
        };
    }

    /// <summary>
    /// Mean over the support, summed in support order (as the dense reference does), so the floating-point
    /// sum and hence the decision are identical to the reference's.
    /// </summary>
    private static double MeanActivation(Network network, EvaluationScratch scratch, int output)
    {
        var support = network.OutputCode.Support(output);
        var sum = 0.0;
        foreach (var neuron in support)
        {
            sum += scratch.OutputNeuronStamp[neuron] == scratch.Generation ? ActivationOf(network, scratch, neuron) : 0.0;
        }
        return sum / support.Length;
    }

    private static double ActivationOf(Network network, EvaluationScratch scratch, int neuron) =>
        network.Compute is null ? 1.0 : Network.Activation(scratch.Accumulators[neuron], network.InputCode.Width(0), network.Biases[neuron]);

    /// <summary>
    /// Encodes <paramref name="features"/> and, when there is a compute layer, accumulates
    /// Σ_i M[u,i]·|C_i ∩ a| for every touched output neuron. Returns the number of touched neurons,
    /// listed in scratch.TouchedNeurons. Starts a new scratch generation.
    /// </summary>
    private static int Forward(Network network, ReadOnlySpan<int> features, EvaluationScratch scratch)
    {
        var generation = scratch.NextGeneration();
        var inputCode = network.InputCode;
        var setCount = 0;
        foreach (var feature in features)
        {
            foreach (var neuron in inputCode.Support(feature))
            {
                if (scratch.InputNeuronStamp[neuron] != generation)
                {
                    scratch.InputNeuronStamp[neuron] = generation;
                    scratch.SetNeurons[setCount++] = neuron;
                }
            }
        }
        if (network.Compute is not { } compute)
        {
            // No compute layer: the read-out neurons are the encoded ones.
            scratch.SetNeurons.AsSpan(0, setCount).CopyTo(scratch.TouchedNeurons);
            return setCount;
        }

        var touchedFeatures = 0;
        var reverseOffsets = inputCode.ReverseOffsets;
        var reverseFeatures = inputCode.ReverseFeatures;
        foreach (var neuron in scratch.SetNeurons.AsSpan(0, setCount))
        {
            for (var k = reverseOffsets[neuron]; k < reverseOffsets[neuron + 1]; k++)
            {
                var feature = reverseFeatures[k];
                if (scratch.FeatureStamp[feature] != generation)
                {
                    scratch.FeatureStamp[feature] = generation;
                    scratch.FeatureCounts[feature] = 0;
                    scratch.TouchedFeatures[touchedFeatures++] = feature;
                }
                scratch.FeatureCounts[feature]++;
            }
        }

        var touchedNeurons = 0;
        var stamp = scratch.OutputNeuronStamp;
        var accumulators = scratch.Accumulators;
        foreach (var feature in scratch.TouchedFeatures.AsSpan(0, touchedFeatures))
        {
            long count = scratch.FeatureCounts[feature];
            var rows = compute.Rows(feature);
            var weights = compute.Weights(feature);
            for (var k = 0; k < rows.Length; k++)
            {
                var row = rows[k];
                if (stamp[row] != generation)
                {
                    stamp[row] = generation;
                    accumulators[row] = 0;
                    scratch.TouchedNeurons[touchedNeurons++] = row;
                }
                accumulators[row] += weights[k] * count;
            }
        }
        return touchedNeurons;
    }
}
