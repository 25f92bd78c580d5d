namespace Superposition.Constructions;

/// <summary>The decoder parameter of <see cref="SuperposedAnd"/>.</summary>
public enum SuperposedAndDecoder
{
    /// <summary>Every code neuron above γ (docs/mathematics.md §3).</summary>
    AllAbove,

    /// <summary>At least k = ⌈decoder_fraction · b_out⌉ code neurons above γ.</summary>
    KOfW,
}
