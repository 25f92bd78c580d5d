using Superposition.Rows;

namespace Superposition.Pipeline;

/// <summary>
/// Reported after each (case, replicate) reaches the sink, and while a long build (a training) runs:
/// then <see cref="Training"/> says how far it is, and <see cref="LastRow"/> is the last finished case's
/// row, or null when none has finished yet.
/// </summary>
public sealed record RunProgress(int CasesDone, int CasesTotal, long SamplesDone, long SamplesTotal, TimeSpan Elapsed, CaseRow? LastRow)
{
    public double SamplesPerSecond => Elapsed.TotalSeconds > 0 ? SamplesDone / Elapsed.TotalSeconds : 0;

    /// <summary>The steps of the training running in a build, on a report made during it; null on a case's report.</summary>
    public TrainingSteps? Training { get; init; }
}

/// <summary>How far a build's training is: the case's construction and problem, steps done of all.</summary>
public sealed record TrainingSteps(string Construction, int OutputCount, int Replicate, int Done, int Total);
