using Superposition.Rows;
using Superposition.Statistics;

namespace Superposition.Reports.Analysis;

/// <summary>
/// Wrong samples pooled over several rows (replicates, input distributions). Rates are recomputed from
/// the pooled counts, never averaged: the Clopper–Pearson bound of pooled counts is tighter and exact,
/// and a mean of per-row upper bounds would not be a bound on anything.
/// </summary>
public readonly record struct PooledErrors(long Samples, long WrongSamples)
{
    /// <summary>Wrong samples over samples; NaN with no samples.</summary>
    public double Rate => Samples == 0 ? double.NaN : (double)WrongSamples / Samples;

    /// <summary>Upper end of the two-sided 95% Clopper–Pearson interval (as the sample_error_rate_upper95 column).</summary>
    public double Upper95 => ErrorStatistics.ClopperPearsonUpper(WrongSamples, Samples, 0.05);

    /// <summary>The pooled counts of <paramref name="rows"/>.</summary>
    public static PooledErrors Of(IEnumerable<CaseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long samples = 0, wrong = 0;
        foreach (var row in rows)
        {
            samples += row.Samples;
            wrong += row.Samples - row.SamplesCorrect;
        }
        return new PooledErrors(samples, wrong);
    }
}
