namespace Superposition.Constructions;

/// <summary>The options of <see cref="RandomAnd"/>, with their documented defaults.</summary>
public sealed record RandomAndOptions
{
    public InputLayerOptions InputLayer { get; init; } = new();

    /// <summary>d: neurons of the AND layer.</summary>
    public int Neurons { get; init; } = 2000;

    /// <summary>p: the chance that a neuron reads a given input.</summary>
    public double ConnectionProbability { get; init; } = 0.1;

    /// <summary>Each neuron's bias is −neuron_threshold.</summary>
    public double NeuronThreshold { get; init; } = 1.0;

    /// <summary>θ of the mean-above decoder.</summary>
    public double MeanThreshold { get; init; } = 0.5;
}
