namespace Superposition.Constructions;

/// <summary>The options of <see cref="SuperposedAnd"/>, with the defaults of docs/mathematics.md §4.</summary>
public sealed record SuperposedAndOptions
{
    public InputLayerOptions InputLayer { get; init; } = new();

    /// <summary>γ.</summary>
    public double DecodeThreshold { get; init; } = InputLayers.DefaultDecodeThreshold;

    /// <summary>τ = n_0 / (influence_factor · s · b): inputs of degree above τ are heavy.</summary>
    public double InfluenceFactor { get; init; } = 4;

    /// <summary>|B_h| ≥ ⌈block_factor · s · b_out⌉.</summary>
    public double BlockFactor { get; init; } = 4;

    /// <summary>|B_h| ≥ ⌈block_noise_factor · p_h · s · b_in · b_out / n_in⌉ with superposed inputs.</summary>
    public double BlockNoiseFactor { get; init; } = 8;

    /// <summary>The output channel's bias is −channel_threshold.</summary>
    public double ChannelThreshold { get; init; } = 1.5;

    /// <summary>G = round(gate_slope · s + gate_offset).</summary>
    public double GateSlope { get; init; } = 2;

    /// <summary>G = round(gate_slope · s + gate_offset).</summary>
    public double GateOffset { get; init; } = 2;

    /// <summary>A block's bias is −(G + block_margin).</summary>
    public double BlockMargin { get; init; } = 0.5;

    /// <summary>How outputs are read: all-above (the construction of the page) or k-of-w.</summary>
    public SuperposedAndDecoder Decoder { get; init; } = SuperposedAndDecoder.AllAbove;

    /// <summary>With k-of-w: k = ⌈decoder_fraction · b_out⌉ of an output's b_out neurons must be above γ.</summary>
    public double DecoderFraction { get; init; } = 1;

    /// <summary>k for outputs of width <paramref name="outputWidth"/>: at least 1, at most the width.</summary>
    public int DecoderK(int outputWidth) => Math.Clamp((int)Math.Ceiling(DecoderFraction * outputWidth), 1, Math.Max(1, outputWidth));
}
