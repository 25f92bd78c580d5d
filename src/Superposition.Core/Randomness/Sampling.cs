namespace Superposition.Randomness;

/// <summary>Small sampling helpers shared by codes, pair sets and input distributions.</summary>
public static class Sampling
{
    /// <summary>
    /// Writes <paramref name="destination"/>.Length distinct integers drawn uniformly from
    /// [offset, offset + range), in draw order. Floyd's algorithm: no allocation, cost O(k²) for k values,
    /// which suits the small k (code widths, sparsities) it is used for.
    /// </summary>
    public static void DistinctInRange(Rng rng, int offset, int range, Span<int> destination)
    {
        var count = destination.Length;
        if (count > range)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), $"cannot draw {count} distinct values from a range of {range}");
        }
        for (var j = range - count; j < range; j++)
        {
            var filled = j - (range - count);
            var candidate = offset + rng.NextInt(j + 1);
            if (destination[..filled].Contains(candidate))
            {
                candidate = offset + j;
            }
            destination[filled] = candidate;
        }
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public static void Shuffle<T>(Rng rng, Span<T> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
