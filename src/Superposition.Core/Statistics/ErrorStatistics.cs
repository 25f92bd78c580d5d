namespace Superposition.Statistics;

/// <summary>
/// Error statistics of a set of samples, as a monoid: <see cref="Empty"/>, <see cref="Add"/> one sample,
/// <see cref="Combine"/> two sets. Combine is associative and commutative with Empty as identity, so
/// batches can be aggregated in any order and grouping (tested as laws). Every field is a count, a sum
/// or an extreme, never a rate, so that rates and their intervals are recomputed from pooled counts.
/// </summary>
/// <param name="FalseOutputSquares">
/// Σ over samples of (false positives + false negatives)², for the standard error of the false outputs
/// per sample; 128-bit so that the sum stays exact (and the monoid laws hold) however large it grows.
/// </param>
/// <param name="FalsePositivesSharingInput">False positives whose output reads an active input of the sample (for 2-AND: one of the pair's two inputs is active).</param>
/// <param name="Classes">Samples and wrong samples by the number of true outputs of the input.</param>
/// <param name="Witnesses">
/// The worst input and the first wrong inputs. <see cref="Add"/> leaves them alone (it is not told
/// which input it counts); scoring adds them per batch with <see cref="WithWitnesses"/>.
/// </param>
/// <param name="SearchEvaluations">Network evaluations adversarial searches spent finding the samples (0 for drawn inputs).</param>
public readonly record struct ErrorStatistics(
    long Samples,
    long CorrectSamples,
    long TrueOutputs,
    long FalsePositives,
    long FalseNegatives,
    double MinTrueMargin,
    double MaxFalseMargin,
    Int128 FalseOutputSquares,
    long FalsePositivesSharingInput,
    TrueOutputClasses Classes,
    InputWitnesses Witnesses,
    long SearchEvaluations = 0)
{
    public static ErrorStatistics Empty { get; } = new(0, 0, 0, 0, 0, double.PositiveInfinity, double.NegativeInfinity, 0, 0, TrueOutputClasses.Empty, InputWitnesses.Empty);

    /// <summary>Adds one sample's outcome; <paramref name="falsePositivesSharingInput"/> counts those of its false positives that read an active input.</summary>
    public ErrorStatistics Add(int trueOutputs, int falsePositives, int falseNegatives, int falsePositivesSharingInput, double minTrueMargin, double maxFalseMargin)
    {
        var falseOutputs = (long)falsePositives + falseNegatives;
        return Combine(new ErrorStatistics(
            1,
            falseOutputs == 0 ? 1 : 0,
            trueOutputs,
            falsePositives,
            falseNegatives,
            minTrueMargin,
            maxFalseMargin,
            (Int128)falseOutputs * falseOutputs,
            falsePositivesSharingInput,
            TrueOutputClasses.Empty.Add(trueOutputs, falseOutputs != 0),
            InputWitnesses.Empty));
    }

    /// <summary>These statistics with <paramref name="witnesses"/> combined into their witnesses.</summary>
    public ErrorStatistics WithWitnesses(InputWitnesses witnesses) => this with { Witnesses = (Witnesses ?? InputWitnesses.Empty).Combine(witnesses) };

    public ErrorStatistics Combine(ErrorStatistics other) => new(
        Samples + other.Samples,
        CorrectSamples + other.CorrectSamples,
        TrueOutputs + other.TrueOutputs,
        FalsePositives + other.FalsePositives,
        FalseNegatives + other.FalseNegatives,
        Math.Min(MinTrueMargin, other.MinTrueMargin),
        Math.Max(MaxFalseMargin, other.MaxFalseMargin),
        FalseOutputSquares + other.FalseOutputSquares,
        FalsePositivesSharingInput + other.FalsePositivesSharingInput,
        Classes.Combine(other.Classes),
        (Witnesses ?? InputWitnesses.Empty).Combine(other.Witnesses),
        SearchEvaluations + other.SearchEvaluations);

    public long WrongSamples => Samples - CorrectSamples;

    /// <summary>Share of samples with at least one wrong output; NaN with no samples. Its complement is the probability that an input is fully correct.</summary>
    public double SampleErrorRate => Samples == 0 ? double.NaN : (double)WrongSamples / Samples;

    /// <summary>Lower end of the two-sided 95% Clopper–Pearson interval for the sample error rate.</summary>
    public double SampleErrorRateLower95 => ProportionIntervals.ClopperPearsonLower(WrongSamples, Samples, 0.05);

    /// <summary>Upper end of the two-sided 95% Clopper–Pearson interval for the sample error rate.</summary>
    public double SampleErrorRateUpper95 => ClopperPearsonUpper(WrongSamples, Samples, 0.05);

    /// <summary>The two-sided 95% Wilson score interval for the sample error rate.</summary>
    public (double Lower, double Upper) SampleErrorRateWilson95 => ProportionIntervals.Wilson(WrongSamples, Samples, 0.05);

    /// <summary>False positives per output that should have been 0.</summary>
    public double OutputFalsePositiveRate(int outputCount)
    {
        var negatives = (Samples * (double)outputCount) - TrueOutputs;
        return negatives <= 0 ? double.NaN : FalsePositives / negatives;
    }

    /// <summary>The expected number of wrong outputs (false positives plus false negatives) on one input, estimated by the sample mean; NaN with no samples.</summary>
    public double FalseOutputsPerSample => Samples == 0 ? double.NaN : (FalsePositives + (double)FalseNegatives) / Samples;

    /// <summary>
    /// Standard error of <see cref="FalseOutputsPerSample"/>: √(s² / n) with the unbiased sample variance
    /// s², whose numerator n·Σx² − (Σx)² is formed exactly in 128 bits, so a constant count gives exactly
    /// 0 rather than cancellation noise; NaN below two samples.
    /// </summary>
    public double FalseOutputsPerSampleStderr
    {
        get
        {
            if (Samples < 2)
            {
                return double.NaN;
            }
            var sum = (Int128)FalsePositives + FalseNegatives;
            var numerator = (Samples * FalseOutputSquares) - (sum * sum);
            var variance = (double)numerator / ((double)Samples * (Samples - 1));
            return Math.Sqrt(Math.Max(0.0, variance) / Samples);
        }
    }

    /// <summary>Upper bound of the exact binomial (Clopper–Pearson) interval at level 1 − alpha, two-sided.</summary>
    public static double ClopperPearsonUpper(long successes, long trials, double alpha) =>
        ProportionIntervals.ClopperPearsonUpper(successes, trials, alpha);
}
