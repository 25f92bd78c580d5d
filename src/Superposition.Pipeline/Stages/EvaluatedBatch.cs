using System.Collections.Immutable;
using Superposition.Evaluation;
using Superposition.Statistics;

namespace Superposition.Pipeline.Stages;

/// <summary>An evaluated and scored batch, with the time sampling and evaluation took.</summary>
public sealed record EvaluatedBatch(Built.Ok Case, int BatchIndex, ErrorStatistics Statistics, ImmutableArray<SampleOutcome> Samples, double Seconds);
