using Superposition.Rows;

namespace Superposition.Pipeline;

/// <summary>Reported after each (case, replicate) reaches the sink.</summary>
public sealed record RunProgress(int CasesDone, int CasesTotal, long SamplesDone, long SamplesTotal, TimeSpan Elapsed, CaseRow LastRow)
{
    public double SamplesPerSecond => Elapsed.TotalSeconds > 0 ? SamplesDone / Elapsed.TotalSeconds : 0;
}
