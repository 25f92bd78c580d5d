namespace Superposition.Evaluation;

/// <summary>
/// Working memory of the batched forward pass (<see cref="FactoredEvaluator"/>), made on the first
/// batched chunk: |C_i ∩ a| of every input feature for 64 samples at once, feature-major, one byte per
/// sample (a feature's 64 counts are one cache line), kept at zero between chunks; the features each
/// sample touched, to reset them; the firing neurons the pass found, with their sample and accumulator.
/// </summary>
internal sealed class LaneScratch
{
    /// <summary>Samples per pass: one byte each in a 64-byte line per feature.</summary>
    public const int Lanes = 64;

    public LaneScratch(int featureCount)
    {
        Counts = new byte[(long)featureCount * Lanes];
    }

    /// <summary>Counts[feature · 64 + lane] = |C_feature ∩ a_lane|.</summary>
    public byte[] Counts { get; }

    /// <summary>The features touched by lane ℓ are TouchedFeatures[FeatureOffsets[ℓ] .. FeatureOffsets[ℓ + 1]].</summary>
    public int[] TouchedFeatures { get; private set; } = new int[4096];

    public int[] FeatureOffsets { get; } = new int[Lanes + 1];

    /// <summary>Firing (neuron, lane, accumulator) triples of the last pass, in neuron order, then sorted by lane.</summary>
    public int[] HitNeurons { get; private set; } = new int[4096];

    public int[] HitLanes { get; private set; } = new int[4096];

    public int[] HitAccumulators { get; private set; } = new int[4096];

    public int[] SortedNeurons { get; private set; } = new int[4096];

    public int[] SortedAccumulators { get; private set; } = new int[4096];

    /// <summary>The hits of lane ℓ, after sorting, are at [HitOffsets[ℓ] .. HitOffsets[ℓ + 1]).</summary>
    public int[] HitOffsets { get; } = new int[Lanes + 1];

    public void EnsureFeatures(int needed)
    {
        if (needed > TouchedFeatures.Length)
        {
            var grown = new int[Math.Max(needed, 2 * TouchedFeatures.Length)];
            TouchedFeatures.CopyTo(grown, 0);
            TouchedFeatures = grown;
        }
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
