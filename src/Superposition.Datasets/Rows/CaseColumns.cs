using Superposition.Rows;
using C = Superposition.Datasets.Rows.Columns<Superposition.Rows.CaseRow>;

namespace Superposition.Datasets.Rows;

/// <summary>
/// The columns of cases.parquet, in <see cref="CaseRow"/> declaration order (docs/dataset-schema.md).
/// Adding a column is one line here plus its row in the docs.
/// </summary>
internal static class CaseColumns
{
    public static ColumnTable<CaseRow> Table { get; } = new(DatasetSchema.CasesTable,
    [
        // identity
        C.Text("sweep", row => row.Sweep),
        C.Text("case_id", row => row.CaseId),
        C.Value("replicate", row => row.Replicate),
        C.Value("seed", row => row.Seed),
        C.Text("status", row => row.Status),
        C.OptionalText("error", row => row.Error),
        C.Text("tool_version", row => row.ToolVersion),
        C.Text("spec_hash", row => row.SpecHash),

        // problem
        C.Text("problem", row => row.Problem),
        C.Text("graph", row => row.Graph),
        C.Value("input_count", row => row.InputCount),
        C.Value("output_count", row => row.OutputCount),
        C.Value("sparsity", row => row.Sparsity),
        C.Value("depth", row => row.Depth).AbsentFromOlderFiles(),
        C.Text("input_distribution", row => row.InputDistribution),

        // construction
        C.Text("construction", row => row.Construction),
        C.Text("construction_params", row => row.ConstructionParams),
        C.Value("code_width_in", row => row.CodeWidthIn),
        C.Value("code_width_out", row => row.CodeWidthOut),
        C.Text("input_encoding", row => row.InputEncoding),

        // resources
        C.Value("input_neurons", row => row.InputNeurons),
        C.Value("output_neurons", row => row.OutputNeurons),
        C.Value("hidden_neurons", row => row.HiddenNeurons),
        C.Value("neuron_count", row => row.NeuronCount),
        C.Value("weight_count", row => row.WeightCount),
        C.Value("bias_count", row => row.BiasCount),
        C.Value("parameter_count", row => row.ParameterCount),

        // bounds
        C.Value("instance_bits", row => row.InstanceBits),
        C.Value("weight_bits", row => row.WeightBits),
        C.Value("code_bits", row => row.CodeBits),
        C.Value("ref_neurons_lower", row => row.RefNeuronsLower),
        C.Value("ref_parameters_lower", row => row.RefParametersLower),
        C.Value("ref_neurons_upper", row => row.RefNeuronsUpper),
        C.Value("ref_parameters_upper", row => row.RefParametersUpper),

        // accuracy
        C.Value("samples", row => row.Samples),
        C.Value("samples_correct", row => row.SamplesCorrect),
        C.Value("true_outputs", row => row.TrueOutputs),
        C.Value("false_positives", row => row.FalsePositives),
        C.Value("false_negatives", row => row.FalseNegatives),
        C.Value("sample_error_rate", row => row.SampleErrorRate),
        C.Value("sample_error_rate_upper95", row => row.SampleErrorRateUpper95),
        C.Value("output_false_positive_rate", row => row.OutputFalsePositiveRate),
        C.Value("min_true_margin", row => row.MinTrueMargin),
        C.Value("max_false_margin", row => row.MaxFalseMargin),

        // error analysis: added within version 1, so older files read with these at their defaults
        C.Value("sample_error_rate_lower95", row => row.SampleErrorRateLower95).AbsentFromOlderFiles(),
        C.Value("sample_error_rate_wilson_lower95", row => row.SampleErrorRateWilsonLower95).AbsentFromOlderFiles(),
        C.Value("sample_error_rate_wilson_upper95", row => row.SampleErrorRateWilsonUpper95).AbsentFromOlderFiles(),
        C.Value("false_outputs_per_sample", row => row.FalseOutputsPerSample).AbsentFromOlderFiles(),
        C.Value("false_outputs_per_sample_stderr", row => row.FalseOutputsPerSampleStderr).AbsentFromOlderFiles(),
        C.Value("false_output_squares", row => row.FalseOutputSquares).AbsentFromOlderFiles(),
        C.Value("false_positives_sharing_input", row => row.FalsePositivesSharingInput).AbsentFromOlderFiles(),
        C.Value("samples_no_true_output", row => row.SamplesNoTrueOutput).AbsentFromOlderFiles(),
        C.Value("samples_one_true_output", row => row.SamplesOneTrueOutput).AbsentFromOlderFiles(),
        C.Value("samples_two_true_outputs", row => row.SamplesTwoTrueOutputs).AbsentFromOlderFiles(),
        C.Value("samples_three_or_more_true_outputs", row => row.SamplesThreeOrMoreTrueOutputs).AbsentFromOlderFiles(),
        C.Value("wrong_no_true_output", row => row.WrongNoTrueOutput).AbsentFromOlderFiles(),
        C.Value("wrong_one_true_output", row => row.WrongOneTrueOutput).AbsentFromOlderFiles(),
        C.Value("wrong_two_true_outputs", row => row.WrongTwoTrueOutputs).AbsentFromOlderFiles(),
        C.Value("wrong_three_or_more_true_outputs", row => row.WrongThreeOrMoreTrueOutputs).AbsentFromOlderFiles(),

        // witnesses: added within version 1 too
        C.Value("exhaustive", row => row.Exhaustive).AbsentFromOlderFiles(),
        C.Value("worst_input_index", row => row.WorstInputIndex).AbsentFromOlderFiles(),
        C.Text("worst_input", row => row.WorstInput).AbsentFromOlderFiles(),
        C.Text("wrong_inputs", row => row.WrongInputs).AbsentFromOlderFiles(),
        C.Value("adversarial", row => row.Adversarial).AbsentFromOlderFiles(),
        C.Value("search_evaluations", row => row.SearchEvaluations).AbsentFromOlderFiles(),

        // cost
        C.Value("build_seconds", row => row.BuildSeconds),
        C.Value("eval_seconds", row => row.EvalSeconds),
        C.Value("samples_per_second", row => row.SamplesPerSecond),

        // training: added within version 1, null for constructed networks
        C.OptionalValue("training_final_loss", row => row.TrainingFinalLoss).AbsentFromOlderFiles(),
        C.OptionalValue("training_steps", row => row.TrainingSteps).AbsentFromOlderFiles(),
        C.OptionalValue("training_seconds", row => row.TrainingSeconds).AbsentFromOlderFiles(),
        C.OptionalValue("training_seed", row => row.TrainingSeed).AbsentFromOlderFiles(),
    ]);
}
