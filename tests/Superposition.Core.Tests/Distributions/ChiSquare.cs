using MathNet.Numerics.Distributions;

namespace Superposition.Core.Tests.Distributions;

/// <summary>
/// Pearson's χ² goodness-of-fit, with generous bounds: every distribution test here rejects only above
/// the χ² quantile of <see cref="FalseAlarm"/>, so a correct sampler with a random seed fails one
/// statistic with probability about 10⁻⁶ (the seeds are fixed, so a pass is reproducible), while the
/// biased samplers of the tests of the tests give statistics many times above the bound.
/// </summary>
internal static class ChiSquare
{
    /// <summary>The probability that one statistic of a correct sampler exceeds its bound.</summary>
    public const double FalseAlarm = 1e-6;

    /// <summary>Σ (observed − expected)² / expected over the cells with positive expectation, and how many such cells there are.</summary>
    public static (double Statistic, int Cells) Statistic(ReadOnlySpan<long> observed, ReadOnlySpan<double> expected)
    {
        var statistic = 0.0;
        var cells = 0;
        for (var k = 0; k < observed.Length; k++)
        {
            if (expected[k] > 0)
            {
                var difference = observed[k] - expected[k];
                statistic += difference * difference / expected[k];
                cells++;
            }
        }
        return (statistic, cells);
    }

    /// <summary>The value a χ² statistic with <paramref name="degreesOfFreedom"/> exceeds with probability <see cref="FalseAlarm"/>.</summary>
    public static double Bound(int degreesOfFreedom) => ChiSquared.InvCDF(degreesOfFreedom, 1 - FalseAlarm);

    /// <summary>
    /// Null when the observed counts fit the expected ones (same total), else why not. A count in a cell
    /// of expectation zero is an impossible outcome and rejects outright.
    /// </summary>
    public static string? Reject(string what, ReadOnlySpan<long> observed, ReadOnlySpan<double> expected, int? degreesOfFreedom = null)
    {
        for (var k = 0; k < observed.Length; k++)
        {
            if (expected[k] <= 0 && observed[k] > 0)
            {
                return $"{what}: {observed[k]} outcomes in cell {k}, which has probability 0";
            }
        }
        var (statistic, cells) = Statistic(observed, expected);
        if (cells < 2)
        {
            return null;
        }
        var bound = Bound(degreesOfFreedom ?? (cells - 1));
        return statistic > bound ? $"{what}: χ² = {statistic:F1} over {cells} cells exceeds the bound {bound:F1} (false alarm {FalseAlarm})" : null;
    }

    /// <summary><see cref="Reject"/> for counts of equally likely cells.</summary>
    public static string? RejectUniform(string what, ReadOnlySpan<long> observed)
    {
        long total = 0;
        foreach (var count in observed)
        {
            total += count;
        }
        var expected = new double[observed.Length];
        Array.Fill(expected, (double)total / observed.Length);
        return Reject(what, observed, expected);
    }
}
