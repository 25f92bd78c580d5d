namespace Superposition.Constructions;

/// <summary>The options of <see cref="RandomAnd"/>, with their documented defaults.</summary>
public sealed record RandomAndOptions
{
    public InputLayerOptions InputLayer { get; init; } = new();

    /// <summary>d: neurons of the AND layer; 0 sizes it from the problem (<see cref="RandomAndSizing"/>).</summary>
    public int Neurons { get; init; }

    /// <summary>p: the chance that a neuron reads a given input; 0 sizes it from the problem (<see cref="RandomAndSizing"/>).</summary>
    public double ConnectionProbability { get; init; }

    /// <summary>η: the mean activation a neuron reading one active end of a pair may have, when p is sized from the problem.</summary>
    public double NoiseBudget { get; init; } = 0.25;

    /// <summary>c_d: shared neurons per pair, in units of ln m', when d is sized from the problem.</summary>
    public double SupportFactor { get; init; } = 2.0;

    /// <summary>Each neuron's bias is −neuron_threshold.</summary>
    public double NeuronThreshold { get; init; } = 1.0;

    /// <summary>θ of the mean-above decoder.</summary>
    public double MeanThreshold { get; init; } = 0.5;
}
