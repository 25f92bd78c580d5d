using Superposition.Problems;

namespace Superposition.Inputs;

/// <summary>
/// Every input of a problem, in a fixed order, for exhaustive evaluation: all s-subsets of the m inputs
/// (|x| = s, the support of <c>uniform</c>) or all subsets of at most s (|x| ≤ s, the support of
/// <c>up-to</c>), by size and then in colexicographic order. Colex ranks a subset c₁ &lt; … &lt; c_k as
/// Σᵢ C(cᵢ, i), independent of m, so index r of the stream is a pure function of r: batch k unranks
/// its first index and steps through successors, and never depends on another batch.
/// </summary>
public static class InputEnumeration
{
    /// <summary>The distributions whose support can be enumerated, with whether sizes go up to s.</summary>
    public static bool? SizesUpTo(string distribution) => distribution switch
    {
        UniformInputs.DistributionName => false,
        UpToInputs.DistributionName => true,
        _ => null,
    };

    /// <summary>C(n, k) in 64 bits, or <see cref="long.MaxValue"/> when it does not fit (a count no budget allows).</summary>
    public static long Choose(long n, long k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }
        k = Math.Min(k, n - k);
        Int128 value = 1;
        for (long i = 1; i <= k; i++)
        {
            // value · (n − k + i) / i is exact at every step: it is C(n − k + i, i).
            value = value * (n - k + i) / i;
            if (value > long.MaxValue)
            {
                return long.MaxValue;
            }
        }
        return (long)value;
    }

    /// <summary>How many inputs the enumeration has: C(m, s), or Σ_{k ≤ s} C(m, k); <see cref="long.MaxValue"/> when that overflows.</summary>
    public static long Count(int inputCount, int sparsity, bool sizesUpTo)
    {
        if (!sizesUpTo)
        {
            return Choose(inputCount, sparsity);
        }
        long total = 0;
        for (var k = 0; k <= sparsity; k++)
        {
            var block = Choose(inputCount, k);
            if (block == long.MaxValue || total > long.MaxValue - block)
            {
                return long.MaxValue;
            }
            total += block;
        }
        return total;
    }

    /// <summary>
    /// Writes input <paramref name="index"/> of the enumeration into <paramref name="destination"/>
    /// (ascending) and returns its size; <paramref name="destination"/> holds s values.
    /// </summary>
    public static int Unrank(int inputCount, int sparsity, bool sizesUpTo, long index, Span<int> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var size = sizesUpTo ? 0 : sparsity;
        while (index >= Choose(inputCount, size))
        {
            if (!sizesUpTo || size >= sparsity)
            {
                throw new ArgumentOutOfRangeException(nameof(index), "beyond the enumeration");
            }
            index -= Choose(inputCount, size);
            size++;
        }
        for (var i = size; i >= 1; i--)
        {
            // The largest c with C(c, i) ≤ index: c ≥ i − 1, and C(c, i) grows with c.
            int low = i - 1, high = inputCount - 1;
            while (low < high)
            {
                var middle = low + ((high - low + 1) / 2);
                if (Choose(middle, i) <= index)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }
            destination[i - 1] = low;
            index -= Choose(low, i);
        }
        return size;
    }

    /// <summary>The colex rank of an ascending subset among the subsets of its size.</summary>
    public static long Rank(ReadOnlySpan<int> subset)
    {
        long rank = 0;
        for (var i = 0; i < subset.Length; i++)
        {
            rank += Choose(subset[i], i + 1);
        }
        return rank;
    }

    /// <summary>
    /// Steps <paramref name="subset"/> (ascending, <paramref name="size"/> values) to the next input of
    /// the enumeration and returns its size: the colex successor within a size, the first subset of the
    /// next size {0, …, k} after the last one. Returns −1 after the last input.
    /// </summary>
    public static int Next(int inputCount, int sparsity, bool sizesUpTo, Span<int> subset, int size)
    {
        for (var i = 0; i < size; i++)
        {
            var limit = i + 1 < size ? subset[i + 1] : inputCount;
            if (subset[i] + 1 < limit)
            {
                subset[i]++;
                for (var j = 0; j < i; j++)
                {
                    subset[j] = j;
                }
                return size;
            }
        }
        if (!sizesUpTo || size >= Math.Min(sparsity, inputCount))
        {
            return -1;
        }
        for (var j = 0; j <= size; j++)
        {
            subset[j] = j;
        }
        return size + 1;
    }

    /// <summary>
    /// Inputs <paramref name="firstIndex"/> to <paramref name="firstIndex"/> + <paramref name="count"/> − 1 of
    /// the enumeration of <paramref name="problem"/>, with their truth: what a sampled batch holds, so the
    /// same evaluator and scoring run on it.
    /// </summary>
    public static SampleBatch Batch(Problem problem, bool sizesUpTo, int firstIndex, int count)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var sparsity = problem.Sparsity;
        var total = Count(problem.InputCount, sparsity, sizesUpTo);
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)firstIndex + count > total)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"inputs {firstIndex}..{(long)firstIndex + count - 1} go beyond the {total} of the enumeration");
        }
        var activeOffsets = new int[count + 1];
        var active = new int[count * sparsity];
        var truthOffsets = new int[count + 1];
        var truth = new int[count * problem.MaxTrueOutputs];
        var subset = new int[sparsity];
        var size = count > 0 ? Unrank(problem.InputCount, sparsity, sizesUpTo, firstIndex, subset) : 0;
        for (var k = 0; k < count; k++)
        {
            var sample = subset.AsSpan(0, size);
            sample.CopyTo(active.AsSpan(activeOffsets[k]));
            activeOffsets[k + 1] = activeOffsets[k] + size;
            truthOffsets[k + 1] = truthOffsets[k] + problem.TrueOutputs(sample, truth.AsSpan(truthOffsets[k]));
            if (k + 1 < count)
            {
                size = Next(problem.InputCount, sparsity, sizesUpTo, subset, size);
            }
        }
        return new SampleBatch(firstIndex, activeOffsets, active[..activeOffsets[count]], truthOffsets, truth[..truthOffsets[count]]);
    }
}
