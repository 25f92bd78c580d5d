using Superposition.Randomness;

namespace Superposition.Codes;

/// <summary>Ways to make a <see cref="Code"/> (docs/mathematics.md §3).</summary>
public static class CodeFactory
{
    /// <summary>The explicit code: feature f is neuron f alone.</summary>
    public static Code Explicit(int featureCount)
    {
        var offsets = new int[featureCount + 1];
        var neurons = new int[featureCount];
        for (var f = 0; f < featureCount; f++)
        {
            offsets[f + 1] = f + 1;
            neurons[f] = f;
        }
        return new Code(featureCount, offsets, neurons, isExplicit: true);
    }

    /// <summary>Every feature gets <paramref name="width"/> distinct neurons drawn uniformly from [0, neuronCount).</summary>
    public static Code Uniform(int featureCount, int neuronCount, int width, Rng rng)
    {
        var ranges = new (int Start, int Length)[featureCount];
        Array.Fill(ranges, (0, neuronCount));
        return Ranged(neuronCount, width, ranges, rng);
    }

    /// <summary>
    /// Feature f gets <paramref name="width"/> distinct neurons drawn uniformly from its own range
    /// (a channel or block). Features are drawn in feature order, or in <paramref name="drawOrder"/> when
    /// given, so a seed fixes the code bit for bit.
    /// </summary>
    public static Code Ranged(int neuronCount, int width, ReadOnlySpan<(int Start, int Length)> ranges, Rng rng, ReadOnlySpan<int> drawOrder = default)
    {
        var offsets = new int[ranges.Length + 1];
        for (var f = 0; f < ranges.Length; f++)
        {
            offsets[f + 1] = offsets[f] + width;
        }
        var neurons = new int[offsets[^1]];
        for (var k = 0; k < ranges.Length; k++)
        {
            var f = drawOrder.IsEmpty ? k : drawOrder[k];
            Sampling.DistinctInRange(rng, ranges[f].Start, ranges[f].Length, neurons.AsSpan(offsets[f], width));
        }
        return new Code(neuronCount, offsets, neurons);
    }
}
