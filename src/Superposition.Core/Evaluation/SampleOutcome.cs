using System.Collections.Immutable;

namespace Superposition.Evaluation;

/// <summary>One sample scored against its truth: the row of samples.parquet.</summary>
public sealed record SampleOutcome(
    int SampleIndex,
    ImmutableArray<int> ActiveInputs,
    int TrueOutputCount,
    ImmutableArray<int> FalsePositiveOutputs,
    ImmutableArray<int> FalseNegativeOutputs)
{
    public bool Correct => FalsePositiveOutputs.IsEmpty && FalseNegativeOutputs.IsEmpty;
}
