namespace Superposition.Evaluation;

/// <summary>
/// Working memory of the batched forward pass (<see cref="FactoredEvaluator"/>), made on its first chunk,
/// for 64 samples ("lanes") at once. Per input feature i: a 64-bit mask of the lanes with |C_i ∩ a| ≥ 1
/// (8 bytes, so the masks of 10^5 features fit a core's L2 cache), and, only for the few features some
/// lane counts twice or more, a slot in a side table of 64 bytes holding |C_i ∩ a| − 1 per lane. All kept
/// at zero between chunks; slot 0 is a line of zeros that every other feature points to.
/// </summary>
internal sealed class LaneScratch
{
    /// <summary>Samples per pass: one bit of a feature's mask each.</summary>
    public const int Lanes = 64;

    public LaneScratch(int featureCount)
    {
        Masks = new ulong[featureCount];
        Slots = new ushort[featureCount];
    }

    /// <summary>
    /// Where lane ℓ's bit sits in a mask: bit ℓ / 8 of byte ℓ mod 8. Stored so, byte j mod 8 of the mask,
    /// copied to byte j, holds lane j's bit at a position fixed for each group of 8 lanes, which one
    /// affine transform per group extracts.
    /// </summary>
    public static int MaskBit(int lane) => (lane % 8 * 8) + (lane / 8);

    /// <summary>Bit <see cref="MaskBit"/>(ℓ) of Masks[i]: lane ℓ's sample reads feature i at least once.</summary>
    public ulong[] Masks { get; }

    /// <summary>The side-table slot of feature i, or 0 (the zero line) when no lane counts it twice.</summary>
    public ushort[] Slots { get; }

    /// <summary>Side[slot · 64 + ℓ] = |C_i ∩ a_ℓ| − 1 for the feature i holding that slot.</summary>
    public byte[] Side { get; private set; } = new byte[1024 * Lanes];

    /// <summary>The most slots a chunk may take, the zero line included: what 16-bit slot numbers hold (tests lower it to reach the fallback).</summary>
    public int SlotLimit { get; init; } = ushort.MaxValue + 1;

    /// <summary>Slots in use, the zero line included.</summary>
    public int SlotCount { get; set; } = 1;

    /// <summary>SlotOwners[slot] is the feature holding that slot, to reset it.</summary>
    public int[] SlotOwners { get; private set; } = new int[1024];

    /// <summary>Firing (neuron, lane, accumulator) triples of the last pass, in neuron order, then sorted by lane.</summary>
    public int[] HitNeurons { get; private set; } = new int[4096];

    public int[] HitLanes { get; private set; } = new int[4096];

    public int[] HitAccumulators { get; private set; } = new int[4096];

    public int[] SortedNeurons { get; private set; } = new int[4096];

    public int[] SortedAccumulators { get; private set; } = new int[4096];

    /// <summary>The hits of lane ℓ, after sorting, are at [HitOffsets[ℓ] .. HitOffsets[ℓ + 1]).</summary>
    public int[] HitOffsets { get; } = new int[Lanes + 1];

    /// <summary>Takes a fresh side-table slot (zeroed), growing the table; false when the slots run out (<see cref="SlotLimit"/>).</summary>
    public bool TryTakeSlot(int feature, out ushort slot)
    {
        if (SlotCount >= SlotLimit)
        {
            slot = 0;
            return false;
        }
        if (SlotCount == SlotOwners.Length)
        {
            SlotOwners = Grown(SlotOwners, 2 * SlotOwners.Length);
            var grown = new byte[SlotOwners.Length * Lanes];
            Side.CopyTo(grown, 0);
            Side = grown;
        }
        SlotOwners[SlotCount] = feature;
        slot = (ushort)SlotCount++;
        return true;
    }

    /// <summary>Returns masks, slots and side table to zero for the next chunk.</summary>
    public void Reset()
    {
        Array.Clear(Masks);
        foreach (var feature in SlotOwners.AsSpan(1, SlotCount - 1))
        {
            Slots[feature] = 0;
        }
        Array.Clear(Side, Lanes, (SlotCount - 1) * Lanes);
        SlotCount = 1;
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
