using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// Caller-owned working memory of the factored evaluator, sized to one network. Arrays are reset by
/// generation stamps rather than cleared, so a sample costs only what it touches. Not thread-safe:
/// one per worker.
/// </summary>
public sealed class EvaluationScratch
{
    public EvaluationScratch(Network network)
    {
        InputNeuronStamp = new int[network.InputCode.NeuronCount];
        SetNeurons = new int[network.InputCode.NeuronCount];
        FeatureStamp = new int[network.InputCode.FeatureCount];
        FeatureCounts = new int[network.InputCode.FeatureCount];
        TouchedFeatures = new int[network.InputCode.FeatureCount];
        OutputNeuronStamp = new int[network.OutputNeuronCount];
        Accumulators = new long[network.OutputNeuronCount];
        TouchedNeurons = new int[network.OutputNeuronCount];
        var outputs = network.OutputCode.FeatureCount;
        OutputStamp = new int[outputs];
        PositiveCounts = new int[outputs];
        MinActivation = new double[outputs];
        TouchedOutputs = new int[outputs];
        Decoded = new int[outputs];
    }

    internal int Generation { get; set; }

    internal int[] InputNeuronStamp { get; }

    internal int[] SetNeurons { get; }

    internal int[] FeatureStamp { get; }

    internal int[] FeatureCounts { get; }

    internal int[] TouchedFeatures { get; }

    internal int[] OutputNeuronStamp { get; }

    internal long[] Accumulators { get; }

    internal int[] TouchedNeurons { get; }

    internal int[] OutputStamp { get; }

    internal int[] PositiveCounts { get; }

    internal double[] MinActivation { get; }

    internal int[] TouchedOutputs { get; }

    internal int[] Decoded { get; }

    /// <summary>Starts a new sample; on wrap-around clears the stamps so no stale mark survives.</summary>
    internal int NextGeneration()
    {
        if (Generation == int.MaxValue)
        {
            Array.Clear(InputNeuronStamp);
            Array.Clear(FeatureStamp);
            Array.Clear(OutputNeuronStamp);
            Array.Clear(OutputStamp);
            Generation = 0;
        }
        return ++Generation;
    }
}
