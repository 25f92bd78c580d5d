using MathNet.Numerics.Distributions;

namespace Superposition.Statistics;

/// <summary>
/// Error statistics of a set of samples, as a monoid: <see cref="Empty"/>, <see cref="Add"/> one sample,
/// <see cref="Combine"/> two sets. Combine is associative and commutative with Empty as identity, so
/// batches can be aggregated in any order and grouping (tested as laws).
/// </summary>
public readonly record struct ErrorStatistics(
    long Samples,
    long CorrectSamples,
    long TrueOutputs,
    long FalsePositives,
    long FalseNegatives,
    double MinTrueMargin,
    double MaxFalseMargin)
{
    public static ErrorStatistics Empty { get; } = new(0, 0, 0, 0, 0, double.PositiveInfinity, double.NegativeInfinity);

    /// <summary>Adds one sample's outcome.</summary>
    public ErrorStatistics Add(int trueOutputs, int falsePositives, int falseNegatives, double minTrueMargin, double maxFalseMargin) =>
        Combine(new ErrorStatistics(1, falsePositives + falseNegatives == 0 ? 1 : 0, trueOutputs, falsePositives, falseNegatives, minTrueMargin, maxFalseMargin));

    public ErrorStatistics Combine(ErrorStatistics other) => new(
        Samples + other.Samples,
        CorrectSamples + other.CorrectSamples,
        TrueOutputs + other.TrueOutputs,
        FalsePositives + other.FalsePositives,
        FalseNegatives + other.FalseNegatives,
        Math.Min(MinTrueMargin, other.MinTrueMargin),
        Math.Max(MaxFalseMargin, other.MaxFalseMargin));

    public long WrongSamples => Samples - CorrectSamples;

    /// <summary>Share of samples with at least one wrong output; NaN with no samples.</summary>
    public double SampleErrorRate => Samples == 0 ? double.NaN : (double)WrongSamples / Samples;

    /// <summary>Upper end of the two-sided 95% Clopper–Pearson interval for the sample error rate.</summary>
    public double SampleErrorRateUpper95 => ClopperPearsonUpper(WrongSamples, Samples, 0.05);

    /// <summary>False positives per output that should have been 0.</summary>
    public double OutputFalsePositiveRate(int outputCount)
    {
        var negatives = (Samples * (double)outputCount) - TrueOutputs;
        return negatives <= 0 ? double.NaN : FalsePositives / negatives;
    }

    /// <summary>Upper bound of the exact binomial (Clopper–Pearson) interval at level 1 − alpha, two-sided.</summary>
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
}
