using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests.Distributions;

/// <summary>
/// The generator's bounded draws, Shuffle and DistinctInRange draw from the laws they promise, by χ²
/// tests with fixed seeds and the bound of <see cref="ChiSquare"/> (false alarm 10⁻⁶ per statistic). Each
/// test has a twin that applies the same statistic to a deliberately biased version and requires a
/// rejection, which shows the statistic has the power to see the bias.
/// </summary>
public class RandomnessDistributionTests
{
    private const int Draws = 60_000;

    [Theory]
    [InlineData(2UL)]
    [InlineData(7UL)]
    [InlineData(10UL)]
    [InlineData(1000UL)]
    public void NextBelow_is_uniform_on_every_value_of_a_small_bound(ulong bound) =>
        Assert.Null(ValueFit(bound, new Rng(new Seed(bound)).NextBelow));

    [Theory]
    [InlineData(3UL << 61)]
    [InlineData(3UL << 62)]
    [InlineData((1UL << 63) + 1)]
    public void NextBelow_is_uniform_across_a_bound_near_2_to_the_64(ulong bound) =>
        Assert.Null(ThirdsFit(bound, new Rng(new Seed(bound)).NextBelow));

    [Theory]
    [InlineData(3UL << 61)]
    [InlineData(3UL << 62)]
    public void Statistic_rejects_the_modulo_draw_for_a_bound_that_is_no_power_of_two(ulong bound)
    {
        // x mod bound favours the values below 2^64 mod bound: by 3:2 for 3·2^61 and 2:1 for 3·2^62.
        var rng = new Rng(new Seed(bound));
        Assert.NotNull(ThirdsFit(bound, b => rng.NextUInt64() % b));
    }

    [Fact]
    public void NextInt_is_uniform_and_a_biased_draw_is_caught()
    {
        var rng = new Rng(new Seed(3));
        Assert.Null(ValueFit(10, b => (ulong)rng.NextInt((int)b)));
        // Biased: 0 one time in 11 more than it should (as a rejection loop that keeps one value would).
        Assert.NotNull(ValueFit(10, b => (ulong)(rng.NextInt(11) % (int)b)));
    }

    [Fact]
    public void NextDouble_is_uniform_on_twenty_bins_and_a_skewed_one_is_caught()
    {
        static string? Fit(Func<double> draw)
        {
            var counts = new long[20];
            for (var k = 0; k < Draws; k++)
            {
                counts[(int)(draw() * 20)]++;
            }
            return ChiSquare.RejectUniform("NextDouble bins", counts);
        }
        var rng = new Rng(new Seed(4));

        Assert.Null(Fit(rng.NextDouble));
        Assert.NotNull(Fit(() => Math.Sqrt(rng.NextDouble())));
    }

    [Fact]
    public void Shuffle_puts_every_value_at_every_position_equally_often() =>
        Assert.Null(PositionFit(Sampling.Shuffle));

    [Fact]
    public void Shuffle_gives_every_permutation_equally_often() =>
        Assert.Null(PermutationFit(Sampling.Shuffle));

    [Fact]
    public void Statistics_reject_the_identity_Sattolo_and_naive_shuffles()
    {
        Assert.NotNull(PositionFit((_, values) => { }));
        Assert.NotNull(PositionFit(SattoloShuffle));
        Assert.NotNull(PermutationFit(NaiveShuffle));
    }

    [Fact]
    public void DistinctInRange_draws_every_subset_equally_often() =>
        Assert.Null(SubsetFit(Sampling.DistinctInRange));

    [Fact]
    public void DistinctInRange_has_uniform_marginals_and_pairs_in_a_wide_range()
    {
        Assert.Null(MarginalFit(Sampling.DistinctInRange, range: 1000, count: 5));
        Assert.Null(PairFit(Sampling.DistinctInRange, range: 10, count: 3));
    }

    [Fact]
    public void Statistics_reject_consecutive_values_even_from_a_uniform_start()
    {
        // offset, offset + 1, …: the review's example of a sampler every earlier test let pass.
        Assert.NotNull(MarginalFit(ConsecutiveFromOffset, range: 1000, count: 5));
        // A uniform start makes the marginals uniform; only the pairs see it.
        Assert.Null(MarginalFit(ConsecutiveFromUniformStart, range: 10, count: 3));
        Assert.NotNull(PairFit(ConsecutiveFromUniformStart, range: 10, count: 3));
        Assert.NotNull(SubsetFit(ConsecutiveFromUniformStart));
    }

    /// <summary>χ² of <paramref name="bound"/> equally likely values.</summary>
    private static string? ValueFit(ulong bound, Func<ulong, ulong> draw)
    {
        var counts = new long[bound];
        for (var k = 0; k < Draws; k++)
        {
            counts[draw(bound)]++;
        }
        return ChiSquare.RejectUniform($"values below {bound}", counts);
    }

    /// <summary>χ² of the draw's third of [0, bound): each third has probability 1/3 up to 2^-62.</summary>
    private static string? ThirdsFit(ulong bound, Func<ulong, ulong> draw)
    {
        var counts = new long[3];
        var third = bound / 3;
        for (var k = 0; k < 30_000; k++)
        {
            counts[Math.Min(2, (int)(draw(bound) / third))]++;
        }
        return ChiSquare.RejectUniform($"thirds of {bound}", counts);
    }

    /// <summary>χ² of the value × position table of 5 values shuffled 50,000 times; (5 − 1)² degrees of freedom.</summary>
    private static string? PositionFit(ShuffleMethod shuffle)
    {
        const int n = 5;
        var counts = new long[n * n];
        var rng = new Rng(new Seed(5));
        var values = new int[n];
        for (var k = 0; k < 50_000; k++)
        {
            for (var i = 0; i < n; i++)
            {
                values[i] = i;
            }
            shuffle(rng, values);
            for (var position = 0; position < n; position++)
            {
                counts[(values[position] * n) + position]++;
            }
        }
        var expected = Enumerable.Repeat(50_000.0 / n, n * n).ToArray();
        return ChiSquare.Reject("value at position", counts, expected, degreesOfFreedom: (n - 1) * (n - 1));
    }

    /// <summary>χ² of the 24 orders of 4 values, 48,000 shuffles.</summary>
    private static string? PermutationFit(ShuffleMethod shuffle)
    {
        var counts = new long[256];
        var rng = new Rng(new Seed(6));
        var values = new int[4];
        for (var k = 0; k < 48_000; k++)
        {
            for (var i = 0; i < 4; i++)
            {
                values[i] = i;
            }
            shuffle(rng, values);
            counts[values[0] | (values[1] << 2) | (values[2] << 4) | (values[3] << 6)]++;
        }
        var expected = Enumerable.Range(0, 256).Select(code => IsPermutationCode(code) ? 48_000.0 / 24 : 0).ToArray();
        return ChiSquare.Reject("orders of 4", counts, expected);
    }

    private static bool IsPermutationCode(int code) => new[] { code & 3, (code >> 2) & 3, (code >> 4) & 3, (code >> 6) & 3 }.Distinct().Count() == 4;

    /// <summary>χ² of the C(8, 3) = 56 subsets of 3 values drawn from 8 (at offset 100), 56,000 draws.</summary>
    private static string? SubsetFit(DistinctMethod distinct)
    {
        var counts = new long[256];
        var rng = new Rng(new Seed(7));
        var values = new int[3];
        for (var k = 0; k < 56_000; k++)
        {
            distinct(rng, 100, 8, values);
            counts[values.Aggregate(0, (mask, v) => mask | (1 << (v - 100)))]++;
        }
        var expected = Enumerable.Range(0, 256).Select(mask => int.PopCount(mask) == 3 ? 56_000.0 / 56 : 0).ToArray();
        return ChiSquare.Reject("3-subsets of 8", counts, expected);
    }

    /// <summary>
    /// χ² of how often each value is drawn, count values from range per draw. The counts of one draw are
    /// dependent (sampling without replacement), which makes the statistic smaller on average than χ² with
    /// range − 1 degrees of freedom, so the bound is conservative.
    /// </summary>
    private static string? MarginalFit(DistinctMethod distinct, int range, int count)
    {
        var counts = new long[range];
        var rng = new Rng(new Seed(8));
        var values = new int[count];
        var draws = 100 * range / count;
        for (var k = 0; k < draws; k++)
        {
            distinct(rng, -7, range, values);
            foreach (var v in values)
            {
                counts[v + 7]++;
            }
        }
        return ChiSquare.RejectUniform($"values of {range}", counts);
    }

    /// <summary>χ² of how often each unordered pair is drawn together (conservative, as for the marginals).</summary>
    private static string? PairFit(DistinctMethod distinct, int range, int count)
    {
        var counts = new long[range * range];
        var rng = new Rng(new Seed(9));
        var values = new int[count];
        for (var k = 0; k < 40_000; k++)
        {
            distinct(rng, 0, range, values);
            foreach (var a in values)
            {
                foreach (var b in values.Where(b => a < b))
                {
                    counts[(a * range) + b]++;
                }
            }
        }
        var pairs = range * (range - 1) / 2;
        var expected = Enumerable.Range(0, range * range).Select(cell => cell / range < cell % range ? 40_000.0 * count * (count - 1) / 2 / pairs : 0).ToArray();
        return ChiSquare.Reject($"pairs of {range}", counts, expected);
    }

    private delegate void ShuffleMethod(Rng rng, Span<int> values);

    private delegate void DistinctMethod(Rng rng, int offset, int range, Span<int> destination);

    /// <summary>Sattolo's algorithm: only cyclic permutations, so no value stays in place.</summary>
    private static void SattoloShuffle(Rng rng, Span<int> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>Swapping each position with any position: n^n equally likely runs over n! orders, which does not divide evenly.</summary>
    private static void NaiveShuffle(Rng rng, Span<int> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var j = rng.NextInt(values.Length);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static void ConsecutiveFromOffset(Rng rng, int offset, int range, Span<int> destination)
    {
        for (var k = 0; k < destination.Length; k++)
        {
            destination[k] = offset + k;
        }
    }

    private static void ConsecutiveFromUniformStart(Rng rng, int offset, int range, Span<int> destination)
    {
        var start = rng.NextInt(range);
        for (var k = 0; k < destination.Length; k++)
        {
            destination[k] = offset + ((start + k) % range);
        }
    }
}
