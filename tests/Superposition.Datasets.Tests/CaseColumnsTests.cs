using System.Text.Json;
using Superposition.Datasets.Rows;
using Superposition.Datasets.Tests.Support;
using Superposition.Rows;
using Xunit;

namespace Superposition.Datasets.Tests;

public sealed class CaseColumnsTests
{
    [Fact]
    public void Table_maps_every_CaseRow_property_in_declaration_order_to_its_snake_case_name()
    {
        var expected = RowAssert.Properties<CaseRow>().Select(property => (JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), property.Name));

        var actual = CaseColumns.Table.Columns.Select(column => (column.Name, column.PropertyName));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Table_names_the_columns_of_the_dataset_contract()
    {
        string[] contract =
        [
            "sweep", "case_id", "replicate", "seed", "status", "error", "tool_version", "spec_hash",
            "problem", "graph", "input_count", "output_count", "sparsity", "depth", "input_distribution",
            "construction", "construction_params", "code_width_in", "code_width_out", "input_encoding",
            "input_neurons", "output_neurons", "hidden_neurons", "neuron_count", "weight_count", "bias_count", "parameter_count",
            "instance_bits", "weight_bits", "code_bits", "ref_neurons_lower", "ref_parameters_lower", "ref_neurons_upper", "ref_parameters_upper",
            "samples", "samples_correct", "true_outputs", "false_positives", "false_negatives", "sample_error_rate",
            "sample_error_rate_upper95", "output_false_positive_rate", "min_true_margin", "max_false_margin",
            "sample_error_rate_lower95", "sample_error_rate_wilson_lower95", "sample_error_rate_wilson_upper95",
            "false_outputs_per_sample", "false_outputs_per_sample_stderr", "false_output_squares", "false_positives_sharing_input",
            "samples_no_true_output", "samples_one_true_output", "samples_two_true_outputs", "samples_three_or_more_true_outputs",
            "wrong_no_true_output", "wrong_one_true_output", "wrong_two_true_outputs", "wrong_three_or_more_true_outputs",
            "exhaustive", "worst_input_index", "worst_input", "wrong_inputs", "adversarial", "search_evaluations",
            "build_seconds", "eval_seconds", "samples_per_second",
            "training_final_loss", "training_steps", "training_seconds", "training_seed",
        ];

        Assert.Equal(contract, CaseColumns.Table.Columns.Select(column => column.Name));
    }
}
