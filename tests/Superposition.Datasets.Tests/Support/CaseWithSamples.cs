using Superposition.Rows;

namespace Superposition.Datasets.Tests.Support;

/// <summary>One call of <see cref="IDatasetSink.WriteAsync"/>: a case row and its samples.</summary>
public sealed record CaseWithSamples(CaseRow Case, SampleRow[] Samples)
{
    public override string ToString() => $"({Case.CaseId}, {Case.Replicate}) with {Samples.Length} samples";
}
