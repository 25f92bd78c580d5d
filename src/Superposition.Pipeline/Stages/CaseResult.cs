using System.Collections.Immutable;
using Superposition.Evaluation;
using Superposition.Statistics;
using Superposition.Sweeps;

namespace Superposition.Pipeline.Stages;

/// <summary>A finished case on its way to the sink: evaluated, or failed at the build.</summary>
public abstract record CaseResult(RunCase Case)
{
    /// <summary>All batches of a built case combined; samples in index order.</summary>
    public sealed record Evaluated(Built.Ok Built, ErrorStatistics Statistics, ImmutableArray<SampleOutcome> Samples, double EvalSeconds) : CaseResult(Built.Case);

    /// <summary>A case whose construction failed: it skips sampling and evaluation.</summary>
    public sealed record Failed(Built.Failed Built) : CaseResult(Built.Case);
}
