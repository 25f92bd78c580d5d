using System.Collections.Immutable;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Statistics;

namespace Superposition.Pipeline.Stages;

/// <summary>One batch of one case to sample: the unit of parallel work.</summary>
public sealed record BatchRequest(BuiltCase Case, int BatchIndex);

/// <summary>A sampled batch, with the time sampling took.</summary>
public sealed record SampledBatch(BuiltCase Case, int BatchIndex, SampleBatch Samples, double Seconds);

/// <summary>An evaluated and scored batch; a failed case travels as a single batch with <see cref="CaseFailed"/> set.</summary>
public sealed record EvaluatedBatch(BuiltCase Case, int BatchIndex, ErrorStatistics Statistics, ImmutableArray<SampleOutcome> Samples, double Seconds)
{
    public bool CaseFailed => Case.Network is null;
}

/// <summary>All batches of one case combined.</summary>
public sealed record CaseResult(BuiltCase Case, ErrorStatistics Statistics, ImmutableArray<SampleOutcome> Samples, double EvalSeconds);
