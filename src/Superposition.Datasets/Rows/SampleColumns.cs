using Superposition.Rows;
using C = Superposition.Datasets.Rows.Columns<Superposition.Rows.SampleRow>;

namespace Superposition.Datasets.Rows;

/// <summary>
/// The columns of samples.parquet, in <see cref="SampleRow"/> declaration order (docs/dataset-schema.md).
/// <c>sweep</c> came later within schema version 1 (an added column keeps the version), so files
/// without it still read, with an empty sweep.
/// </summary>
internal static class SampleColumns
{
    public static ColumnTable<SampleRow> Table { get; } = new(DatasetSchema.SamplesTable,
    [
        C.Text("sweep", row => row.Sweep).AbsentFromOlderFiles(),
        C.Text("case_id", row => row.CaseId),
        C.Value("replicate", row => row.Replicate),
        C.Value("sample_index", row => row.SampleIndex),
        C.IntList("active_inputs", row => row.ActiveInputs),
        C.Value("true_output_count", row => row.TrueOutputCount),
        C.IntList("false_positive_outputs", row => row.FalsePositiveOutputs),
        C.IntList("false_negative_outputs", row => row.FalseNegativeOutputs),
        C.Value("correct", row => row.Correct),
    ]);
}
