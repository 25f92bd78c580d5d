using Superposition.Rows;
using Superposition.Statistics;

namespace Superposition.Reports.Analysis;

/// <summary>
/// The error-analysis counts of several rows pooled by summing (every column it reads is a count or a
/// sum), so that means, standard errors and intervals are recomputed from the pool, never averaged.
/// </summary>
public sealed record PooledErrorAnalysis(
    long Samples,
    long WrongSamples,
    long FalseOutputs,
    double FalseOutputSquares,
    long FalsePositives,
    long FalsePositivesSharingInput,
    TrueOutputClasses Classes)
{
    /// <summary>The two-sided 95% Wilson interval of the pooled sample error rate.</summary>
    public (double Lower, double Upper) Wilson95 => ProportionIntervals.Wilson(WrongSamples, Samples, 0.05);

    /// <summary>The two-sided 95% Clopper–Pearson interval of the pooled sample error rate.</summary>
    public (double Lower, double Upper) ClopperPearson95 =>
        (ProportionIntervals.ClopperPearsonLower(WrongSamples, Samples, 0.05), ProportionIntervals.ClopperPearsonUpper(WrongSamples, Samples, 0.05));

    /// <summary>Mean false outputs (false positives plus false negatives) per input; NaN with no samples.</summary>
    public double FalseOutputsPerSample => Samples == 0 ? double.NaN : (double)FalseOutputs / Samples;

    /// <summary>Standard error of <see cref="FalseOutputsPerSample"/> from the pooled sum of squares; NaN below two samples.</summary>
    public double FalseOutputsPerSampleStderr
    {
        get
        {
            if (Samples < 2)
            {
                return double.NaN;
            }
            var mean = FalseOutputsPerSample;
            var variance = (FalseOutputSquares - (Samples * mean * mean)) / (Samples - 1);
            return Math.Sqrt(Math.Max(0.0, variance) / Samples);
        }
    }

    /// <summary>Share of the false positives whose output reads an active input; NaN without false positives.</summary>
    public double SharingShare => FalsePositives == 0 ? double.NaN : (double)FalsePositivesSharingInput / FalsePositives;

    /// <summary>The pooled counts of <paramref name="rows"/>.</summary>
    public static PooledErrorAnalysis Of(IEnumerable<CaseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pooled = new PooledErrorAnalysis(0, 0, 0, 0, 0, 0, TrueOutputClasses.Empty);
        foreach (var row in rows)
        {
            pooled = new PooledErrorAnalysis(
                pooled.Samples + row.Samples,
                pooled.WrongSamples + (row.Samples - row.SamplesCorrect),
                pooled.FalseOutputs + row.FalsePositives + row.FalseNegatives,
                pooled.FalseOutputSquares + row.FalseOutputSquares,
                pooled.FalsePositives + row.FalsePositives,
                pooled.FalsePositivesSharingInput + row.FalsePositivesSharingInput,
                pooled.Classes.Combine(new TrueOutputClasses(
                    row.SamplesNoTrueOutput, row.SamplesOneTrueOutput, row.SamplesTwoTrueOutputs, row.SamplesThreeOrMoreTrueOutputs,
                    row.WrongNoTrueOutput, row.WrongOneTrueOutput, row.WrongTwoTrueOutputs, row.WrongThreeOrMoreTrueOutputs)));
        }
        return pooled;
    }
}
