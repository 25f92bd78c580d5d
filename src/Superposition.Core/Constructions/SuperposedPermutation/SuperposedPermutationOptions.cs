namespace Superposition.Constructions;

/// <summary>The options of <see cref="SuperposedPermutation"/>, with their documented defaults.</summary>
public sealed record SuperposedPermutationOptions
{
    public InputLayerOptions InputLayer { get; init; } = new();

    /// <summary>γ.</summary>
    public double DecodeThreshold { get; init; } = InputLayers.DefaultDecodeThreshold;

    /// <summary>Each output neuron's bias is −read_threshold.</summary>
    public double ReadThreshold { get; init; } = 0.5;
}
