using MathNet.Numerics.Distributions;

namespace Superposition.Statistics;

/// <summary>
/// Two-sided confidence intervals for a binomial proportion k / n at level 1 − alpha. Clopper–Pearson
/// inverts the exact binomial tails, so it covers at least 1 − alpha for every p and is conservative;
/// Wilson inverts the normal score test, so it is narrower and covers close to 1 − alpha on average,
/// which is what a researcher comparing rates usually wants. Both are given because they answer
/// different questions ("certainly below" against "most likely around"). Every function returns NaN
/// bounds when there are no trials.
/// </summary>
public static class ProportionIntervals
{
    /// <summary>Lower bound of the exact binomial (Clopper–Pearson) interval: the Beta(k, n − k + 1) quantile at alpha / 2; 0 when k = 0.</summary>
    public static double ClopperPearsonLower(long successes, long trials, double alpha)
    {
        if (trials == 0)
        {
            return double.NaN;
        }
        if (successes <= 0)
        {
            return 0.0;
        }
        return Beta.InvCDF(successes, trials - successes + 1, alpha / 2);
    }

    /// <summary>Upper bound of the exact binomial (Clopper–Pearson) interval: the Beta(k + 1, n − k) quantile at 1 − alpha / 2; 1 when k = n.</summary>
    public static double ClopperPearsonUpper(long successes, long trials, double alpha)
    {
        if (trials == 0)
        {
            return double.NaN;
        }
        if (successes >= trials)
        {
            return 1.0;
        }
        return Beta.InvCDF(successes + 1, trials - successes, 1 - (alpha / 2));
    }

    /// <summary>
    /// The Wilson score interval: the p with |k/n − p| ≤ z·√(p(1 − p)/n), z the normal quantile at
    /// 1 − alpha / 2, in closed form (center ± half width of the quadratic's roots). The ends are exactly
    /// 0 at k = 0 and 1 at k = n, where the closed form would leave rounding residue.
    /// </summary>
    public static (double Lower, double Upper) Wilson(long successes, long trials, double alpha)
    {
        if (trials == 0)
        {
            return (double.NaN, double.NaN);
        }
        var z = Normal.InvCDF(0, 1, 1 - (alpha / 2));
        var n = (double)trials;
        var p = successes / n;
        var zz = z * z;
        var denominator = 1 + (zz / n);
        var center = (p + (zz / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (zz / (4 * n * n)));
        var lower = successes <= 0 ? 0.0 : Math.Clamp(center - half, 0.0, p);
        var upper = successes >= trials ? 1.0 : Math.Clamp(center + half, p, 1.0);
        return (lower, upper);
    }
}
