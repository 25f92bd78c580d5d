using Superposition.Rows;
using C = Superposition.Datasets.Rows.Columns<Superposition.Rows.ThresholdRow>;

namespace Superposition.Datasets.Rows;

/// <summary>The columns of thresholds.parquet, in <see cref="ThresholdRow"/> declaration order (docs/dataset-schema.md).</summary>
internal static class ThresholdColumns
{
    public static ColumnTable<ThresholdRow> Table { get; } = new(DatasetSchema.ThresholdsTable,
    [
        // identity
        C.Text("sweep", row => row.Sweep),
        C.Value("search", row => row.Search),
        C.Value("replicate", row => row.Replicate),
        C.Text("tool_version", row => row.ToolVersion),
        C.Text("spec_hash", row => row.SpecHash),

        // problem and construction
        C.Text("problem", row => row.Problem),
        C.Text("graph", row => row.Graph),
        C.Value("input_count", row => row.InputCount),
        C.Value("output_count", row => row.OutputCount),
        C.Value("sparsity", row => row.Sparsity),
        C.Value("depth", row => row.Depth),
        C.Text("input_distribution", row => row.InputDistribution),
        C.Text("construction", row => row.Construction),

        // search
        C.Text("parameter", row => row.Parameter),
        C.Text("inputs", row => row.Inputs),
        C.Value("samples_per_probe", row => row.SamplesPerProbe),
        C.Text("status", row => row.Status),
        C.Value("threshold", row => row.Threshold),
        C.Value("bracket_low", row => row.BracketLow),
        C.Value("bracket_high", row => row.BracketHigh),
        C.Value("tolerance", row => row.Tolerance),
        C.Value("probes", row => row.Probes),
        C.Value("monotone", row => row.Monotone),

        // the network at the threshold
        C.OptionalText("threshold_case_id", row => row.ThresholdCaseId),
        C.Value("neuron_count", row => row.NeuronCount),
        C.Value("parameter_count", row => row.ParameterCount),
        C.Value("ref_neurons_lower", row => row.RefNeuronsLower),
        C.Value("ref_parameters_lower", row => row.RefParametersLower),
    ]);
}
