using Superposition.Rows;

namespace Superposition.Datasets;

/// <summary>The tables of one complete dataset (one commit), as <see cref="DatasetReader.ReadDatasetAsync"/> found them: files of one generation.</summary>
/// <param name="Samples">Empty when the run did not keep samples.</param>
/// <param name="Thresholds">Empty unless the sweep searched thresholds.</param>
public sealed record CompleteDataset(string Generation, IReadOnlyList<CaseRow> Cases, IReadOnlyList<SampleRow> Samples, IReadOnlyList<ThresholdRow> Thresholds);
