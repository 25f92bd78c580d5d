namespace Superposition.Constructions;

/// <summary>The options of <see cref="Representation"/>, with their documented defaults.</summary>
public sealed record RepresentationOptions
{
    public CodeWidthOptions CodeWidth { get; init; } = new();

    /// <summary>d = ⌈neuron_factor · max(1, true outputs at most) · w⌉.</summary>
    public double NeuronFactor { get; init; } = 4;

    /// <summary>γ.</summary>
    public double DecodeThreshold { get; init; } = InputLayers.DefaultDecodeThreshold;
}
