using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Statistics;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The Clopper–Pearson upper bound against values computed here from its definition: the p at which
/// P(X ≤ k | n, p) = α/2 for X ~ Binomial(n, p), which equals the Beta(k + 1, n − k) quantile at 1 − α/2.
/// The reference sums the binomial tail directly and bisects on p, sharing no code with MathNet.
/// </summary>
public class ClopperPearsonTests
{
    [Fact]
    public void ClopperPearsonUpper_of_zero_in_two_thousand_is_about_0_001843()
    {
        var upper = ErrorStatistics.ClopperPearsonUpper(0, 2000, 0.05);

        Assert.Equal(0.001843, upper, 6);
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / 2000), upper, 12);
    }

    [Theory]
    [InlineData(0, 10, 0.3085)]
    [InlineData(1, 10, 0.4450)]
    [InlineData(5, 10, 0.8129)]
    [InlineData(3, 2000, 0.004381)]
    [InlineData(50, 100, 0.6017)]
    [InlineData(99, 100, 0.99975)]
    public void ClopperPearsonUpper_matches_the_binomial_tail_definition(long successes, long trials, double tabled)
    {
        var upper = ErrorStatistics.ClopperPearsonUpper(successes, trials, 0.05);

        Assert.Equal(ReferenceUpper(successes, trials, 0.05), upper, 9);
        Assert.True(Math.Abs(tabled - upper) < 1e-4, $"tabled {tabled}, computed {upper}");
    }

    [Fact]
    public void SampleErrorRateUpper95_is_the_two_sided_95_percent_bound_of_the_wrong_samples()
    {
        var statistics = ErrorStatistics.Empty.Add(0, 1, 0, 0, 1, -1).Add(0, 0, 0, 0, 1, -1).Add(0, 0, 0, 0, 1, -1);

        Assert.Equal(ReferenceUpper(1, 3, 0.05), statistics.SampleErrorRateUpper95, 9);
        Assert.Equal(1.0 / 3, statistics.SampleErrorRate, 12);
    }

    [Fact]
    public void ClopperPearsonUpper_is_nan_without_trials_and_one_when_all_succeed()
    {
        Assert.True(double.IsNaN(ErrorStatistics.ClopperPearsonUpper(0, 0, 0.05)));
        Assert.Equal(1.0, ErrorStatistics.ClopperPearsonUpper(7, 7, 0.05));
        Assert.True(double.IsNaN(ErrorStatistics.Empty.SampleErrorRate));
    }

    [Property(MaxTest = 300)]
    public Property ClopperPearsonUpper_grows_with_successes_and_shrinks_with_trials() => Prop.ForAll(
        Arb.From(from trials in Gen.Choose(1, 5000) from successes in Gen.Choose(0, trials - 1) select (successes, trials)),
        c =>
        {
            var upper = ErrorStatistics.ClopperPearsonUpper(c.successes, c.trials, 0.05);
            var moreSuccesses = ErrorStatistics.ClopperPearsonUpper(c.successes + 1, c.trials, 0.05);
            var moreTrials = ErrorStatistics.ClopperPearsonUpper(c.successes, c.trials + 1, 0.05);
            var wider = ErrorStatistics.ClopperPearsonUpper(c.successes, c.trials, 0.01);
            return upper > (double)c.successes / c.trials && upper < 1 && moreSuccesses > upper && moreTrials < upper && wider > upper;
        });

    /// <summary>Bisection on p for P(X ≤ k | n, p) = α/2, the tail summed in log space.</summary>
    private static double ReferenceUpper(long successes, long trials, double alpha)
    {
        var (low, high) = ((double)successes / trials, 1.0);
        for (var step = 0; step < 200; step++)
        {
            var middle = (low + high) / 2;
            if (BinomialLowerTail(successes, trials, middle) > alpha / 2)
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

    private static double BinomialLowerTail(long successes, long trials, double p)
    {
        var logChoose = 0.0;
        var sum = 0.0;
        for (long i = 0; i <= successes; i++)
        {
            if (i > 0)
            {
                logChoose += Math.Log(trials - i + 1) - Math.Log(i);
            }
            sum += Math.Exp(logChoose + (i * Math.Log(p)) + ((trials - i) * Math.Log(1 - p)));
        }
        return sum;
    }
}
