namespace Superposition.Evaluation;

/// <summary>
/// Working memory of the batched forward pass (<see cref="FactoredEvaluator"/>), made on its first chunk,
/// for 64 samples ("lanes") at once: per input feature a 64-bit mask of the lanes with |C_i ∩ a| ≥ 1
/// (8 bytes, so the masks of 10^5 features fit a core's L2 cache); the repeats, each a further read of a
/// feature by a lane (counts above one); and per output neuron 64 16-bit corrections that carry the
/// repeats' weights into the pass. Masks and corrections are kept at zero between chunks.
/// </summary>
internal sealed class LaneScratch
{
    /// <summary>Samples per pass: one bit of a feature's mask each.</summary>
    public const int Lanes = 64;

    public LaneScratch(int featureCount, int rowCount)
    {
        Masks = new ulong[featureCount];
        Corrections = new short[(long)rowCount * Lanes];
    }

    /// <summary>
    /// Where lane ℓ's bit sits in a mask: bit ℓ / 8 of byte ℓ mod 8. Stored so, byte j mod 8 of the mask,
    /// copied to byte j, holds lane j's bit at a position fixed for each group of 8 lanes, which one
    /// affine transform per group extracts.
    /// </summary>
    public static int MaskBit(int lane) => (lane % 8 * 8) + (lane / 8);

    /// <summary>
    /// Unit entries a byte lane adds before it is widened to 16 bits: each adds 0 or 1 (a mask bit; counts
    /// above one go through the corrections), and a byte holds 255. Tests lower it to widen often.
    /// </summary>
    public int GroupEntries { get; init; } = byte.MaxValue;

    /// <summary>Bit <see cref="MaskBit"/>(ℓ) of Masks[i]: lane ℓ's sample reads feature i at least once.</summary>
    public ulong[] Masks { get; }

    /// <summary>Corrections[u · 64 + ℓ]: Σ M[u, i] over lane ℓ's repeats of features i.</summary>
    public short[] Corrections { get; }

    /// <summary>Repeats of this chunk, each feature · 64 + lane.</summary>
    public int[] Repeats { get; private set; } = new int[4096];

    public int RepeatCount { get; private set; }

    /// <summary>Firing (neuron, lane, accumulator) triples of the last pass, in neuron order, then sorted by lane.</summary>
    public int[] HitNeurons { get; private set; } = new int[4096];

    public int[] HitLanes { get; private set; } = new int[4096];

    public int[] HitAccumulators { get; private set; } = new int[4096];

    public int[] SortedNeurons { get; private set; } = new int[4096];

    public int[] SortedAccumulators { get; private set; } = new int[4096];

    /// <summary>The hits of lane ℓ, after sorting, are at [HitOffsets[ℓ] .. HitOffsets[ℓ + 1]).</summary>
    public int[] HitOffsets { get; } = new int[Lanes + 1];

    public void AddRepeat(int feature, int lane)
    {
        if (RepeatCount == Repeats.Length)
        {
            Repeats = Grown(Repeats, 2 * Repeats.Length);
        }
        Repeats[RepeatCount++] = (feature * Lanes) + lane;
    }

    /// <summary>Returns the masks to zero and forgets the repeats (the pass zeroes the corrections it reads).</summary>
    public void Reset()
    {
        Array.Clear(Masks);
        RepeatCount = 0;
    }

    public void EnsureHits(int needed)
    {
        if (needed > HitNeurons.Length)
        {
            var size = Math.Max(needed, 2 * HitNeurons.Length);
            HitNeurons = Grown(HitNeurons, size);
            HitLanes = Grown(HitLanes, size);
            HitAccumulators = Grown(HitAccumulators, size);
        }
        if (needed > SortedNeurons.Length)
        {
            SortedNeurons = new int[HitNeurons.Length];
            SortedAccumulators = new int[HitNeurons.Length];
        }
    }

    private static int[] Grown(int[] values, int size)
    {
        var grown = new int[size];
        values.CopyTo(grown, 0);
        return grown;
    }
}
