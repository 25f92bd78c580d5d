namespace Superposition.Constructions;

/// <summary>The options of <see cref="Dedicated"/>, with their documented defaults.</summary>
public sealed record DedicatedOptions
{
    public InputLayerOptions InputLayer { get; init; } = new();

    /// <summary>γ.</summary>
    public double DecodeThreshold { get; init; } = InputLayers.DefaultDecodeThreshold;

    /// <summary>Each pair neuron's bias is −pair_threshold.</summary>
    public double PairThreshold { get; init; } = 1.5;
}
