using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Statistics;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// Wilson and Clopper–Pearson intervals against published values (Newcombe 1998, Statistics in
/// Medicine 17:857–872, Table I: methods 3 and 5, to four decimals) and against references computed
/// here from the definitions by bisection, sharing no code with the closed forms or with MathNet: the
/// Wilson ends are the p where the score statistic |p̂ − p| / √(p(1 − p)/n) equals z, the
/// Clopper–Pearson ends the p where a binomial tail equals α/2.
/// </summary>
public class ProportionIntervalTests
{
    /// <summary>The standard normal quantile at 0.975, as tabled.</summary>
    private const double Z975 = 1.959963984540054;

    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_matches_Newcombe_table_I(long successes, long trials, double lower, double upper)
    {
        var (low, high) = ProportionIntervals.Wilson(successes, trials, 0.05);

        Assert.True(Math.Abs(low - lower) <= 0.5e-4, $"lower {low}, tabled {lower}");
        Assert.True(Math.Abs(high - upper) <= 0.5e-4, $"upper {high}, tabled {upper}");
    }

    [Theory]
    [InlineData(81, 263, 0.2527, 0.3676)]
    [InlineData(15, 148, 0.0578, 0.1617)]
    [InlineData(0, 20, 0.0000, 0.1684)]
    [InlineData(1, 29, 0.0009, 0.1776)]
    public void ClopperPearson_matches_Newcombe_table_I(long successes, long trials, double lower, double upper)
    {
        var low = ProportionIntervals.ClopperPearsonLower(successes, trials, 0.05);
        var high = ProportionIntervals.ClopperPearsonUpper(successes, trials, 0.05);

        Assert.True(Math.Abs(low - lower) <= 0.5e-4, $"lower {low}, tabled {lower}");
        Assert.True(Math.Abs(high - upper) <= 0.5e-4, $"upper {high}, tabled {upper}");
    }

    [Property(MaxTest = 300)]
    public Property Wilson_ends_are_where_the_score_statistic_equals_z() => Prop.ForAll(Arb.From(Proportions), c =>
    {
        var (low, high) = ProportionIntervals.Wilson(c.Successes, c.Trials, 0.05);
        var (referenceLow, referenceHigh) = ScoreInversion(c.Successes, c.Trials);
        Assert.True(Math.Abs(low - referenceLow) <= 1e-9, $"{c}: lower {low:R}, reference {referenceLow:R}");
        Assert.True(Math.Abs(high - referenceHigh) <= 1e-9, $"{c}: upper {high:R}, reference {referenceHigh:R}");
    });

    [Property(MaxTest = 300)]
    public Property ClopperPearsonLower_is_where_the_upper_tail_equals_half_alpha() => Prop.ForAll(Arb.From(Proportions), c =>
    {
        var low = ProportionIntervals.ClopperPearsonLower(c.Successes, c.Trials, 0.05);
        var reference = c.Successes == 0 ? 0.0 : Bisect(p => BinomialUpperTail(c.Successes, c.Trials, p) < 0.025, 0.0, (double)c.Successes / c.Trials);
        Assert.True(Math.Abs(low - reference) <= 1e-8, $"{c}: lower {low:R}, reference {reference:R}");
    });

    [Property(MaxTest = 500)]
    public Property Both_intervals_lie_in_the_unit_interval_and_hold_the_estimate() => Prop.ForAll(Arb.From(Proportions), c =>
    {
        var estimate = (double)c.Successes / c.Trials;
        var (low, high) = ProportionIntervals.Wilson(c.Successes, c.Trials, 0.05);
        var cpLow = ProportionIntervals.ClopperPearsonLower(c.Successes, c.Trials, 0.05);
        var cpHigh = ProportionIntervals.ClopperPearsonUpper(c.Successes, c.Trials, 0.05);
        Assert.InRange(low, 0.0, estimate);
        Assert.InRange(high, estimate, 1.0);
        Assert.InRange(cpLow, 0.0, estimate);
        Assert.InRange(cpHigh, estimate, 1.0);
        Assert.Equal(c.Successes == 0, low == 0.0);
        Assert.Equal(c.Successes == c.Trials, high == 1.0);
        Assert.Equal(c.Successes == 0, cpLow == 0.0);
        // Away from the edges the score interval holds the estimate strictly inside.
        Assert.True(c.Successes == 0 || low < estimate, $"{c}: lower {low}");
        Assert.True(c.Successes == c.Trials || high > estimate, $"{c}: upper {high}");
    });

    [Property(MaxTest = 300)]
    public Property Wilson_narrows_as_the_same_rate_is_seen_on_more_trials() => Prop.ForAll(Arb.From(Proportions), c =>
    {
        var (low, high) = ProportionIntervals.Wilson(c.Successes, c.Trials, 0.05);
        var (lowMore, highMore) = ProportionIntervals.Wilson(4 * c.Successes, 4 * c.Trials, 0.05);
        var (lowWider, highWider) = ProportionIntervals.Wilson(c.Successes, c.Trials, 0.01);
        Assert.True(highMore - lowMore < high - low, $"{c}: width {high - low} on n, {highMore - lowMore} on 4n");
        Assert.True(highWider - lowWider > high - low, $"{c}: 99% width {highWider - lowWider} not above 95% width {high - low}");
    });

    [Fact]
    public void Intervals_are_nan_without_trials()
    {
        var (low, high) = ProportionIntervals.Wilson(0, 0, 0.05);

        Assert.True(double.IsNaN(low) && double.IsNaN(high));
        Assert.True(double.IsNaN(ProportionIntervals.ClopperPearsonLower(0, 0, 0.05)));
        Assert.True(double.IsNaN(ProportionIntervals.ClopperPearsonUpper(0, 0, 0.05)));
    }

    [Fact]
    public void Statistics_give_both_intervals_of_their_wrong_samples()
    {
        var statistics = ErrorStatistics.Empty;
        for (var k = 0; k < 263; k++)
        {
            statistics = statistics.Add(1, k < 81 ? 1 : 0, 0, 0, 1, k < 81 ? 1 : -1);
        }

        Assert.Equal(81, statistics.WrongSamples);
        Assert.True(Math.Abs(statistics.SampleErrorRateWilson95.Lower - 0.2553) <= 0.5e-4);
        Assert.True(Math.Abs(statistics.SampleErrorRateWilson95.Upper - 0.3662) <= 0.5e-4);
        Assert.True(Math.Abs(statistics.SampleErrorRateLower95 - 0.2527) <= 0.5e-4);
        Assert.True(Math.Abs(statistics.SampleErrorRateUpper95 - 0.3676) <= 0.5e-4);
    }

    private sealed record Proportion(long Successes, long Trials);

    private static Gen<Proportion> Proportions { get; } = Gen.Frequency(
        (3, from trials in Gen.Choose(1, 5000) from successes in Gen.Choose(0, trials) select new Proportion(successes, trials)),
        (1, from trials in Gen.Choose(1, 1_000_000) from edge in Gen.Elements(0, 1, -1, -2) select new Proportion(edge >= 0 ? Math.Min(edge, trials) : Math.Max(0, trials + edge + 1), trials)));

    /// <summary>Both roots of |p̂ − p| = z·√(p(1 − p)/n), by bisection on either side of p̂ (the score is monotone there).</summary>
    private static (double Lower, double Upper) ScoreInversion(long successes, long trials)
    {
        var estimate = (double)successes / trials;
        bool Inside(double p) => Math.Abs(estimate - p) <= Z975 * Math.Sqrt(p * (1 - p) / trials);
        var lower = successes == 0 ? 0.0 : Bisect(p => !Inside(p), 0.0, estimate);
        var upper = successes == trials ? 1.0 : Bisect(p => Inside(p), estimate, 1.0);
        return (lower, upper);
    }

    /// <summary>The boundary in [low, high] where <paramref name="belowBoundary"/> turns from true to false.</summary>
    private static double Bisect(Func<double, bool> belowBoundary, double low, double high)
    {
        for (var step = 0; step < 100; step++)
        {
            var middle = (low + high) / 2;
            if (belowBoundary(middle))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /// <summary>P(X ≥ k | n, p), summed in log space from k up while the terms matter.</summary>
    private static double BinomialUpperTail(long successes, long trials, double p)
    {
        var logTerm = LogChoose(trials, successes) + (successes * Math.Log(p)) + ((trials - successes) * Math.Log(1 - p));
        var sum = 0.0;
        for (var i = successes; i <= trials; i++)
        {
            var term = Math.Exp(logTerm);
            sum += term;
            if (term < sum * 1e-18 && i > successes + 10)
            {
                break;
            }
            logTerm += Math.Log(trials - i) - Math.Log(i + 1) + Math.Log(p) - Math.Log(1 - p);
        }
        return sum;
    }

    private static double LogChoose(long n, long k)
    {
        var value = 0.0;
        for (long i = 0; i < Math.Min(k, n - k); i++)
        {
            value += Math.Log(n - i) - Math.Log(i + 1);
        }
        return value;
    }
}
