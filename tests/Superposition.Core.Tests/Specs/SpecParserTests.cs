using System.Text.Json.Nodes;
using Superposition.Specs;
using Xunit;
using static Superposition.Core.Tests.Specs.SpecSamples;

namespace Superposition.Core.Tests.Specs;

public class SpecParserTests
{
    [Fact]
    public void Parse_accepts_minimal_spec_with_defaults()
    {
        var spec = Valid(With(s => s.Remove("evaluation")));

        Assert.Equal("sample", spec.Name);
        Assert.Equal(7UL, spec.RootSeed);
        Assert.Equal(1, spec.Replicates);
        Assert.Empty(spec.Axes);
        Assert.Equal(new EvaluationSettings(SpecFields.DefaultSamples, SpecFields.DefaultBatchSize), spec.Evaluation);
        Assert.Equal(200.0, spec.Base["problem.output_count"]);
        Assert.Equal("superposed-and", spec.Base["construction"]);
        Assert.Equal(SpecParser.HashOf(spec.Text), spec.Hash);
        Assert.Equal(64, spec.Hash.Length);
    }

    [Fact]
    public void Parse_stores_numbers_as_double_and_words_as_string()
    {
        var spec = Valid(With(s => s["params"] = new JsonObject { ["neuron_factor"] = 2, ["input_encoding"] = "explicit" }));

        Assert.Equal(2.0, Assert.IsType<double>(spec.Base["params.neuron_factor"]));
        Assert.Equal("explicit", Assert.IsType<string>(spec.Base["params.input_encoding"]));
    }

    [Fact]
    public void Parse_accepts_comments_and_trailing_commas()
    {
        const string text = """
            {
              // a hand-written spec
              "name": "commented", "seed": 1,
              "problem": { "input_count": 100, "output_count": 100, "sparsity": 3, },
              "construction": "dedicated", /* baseline */
            }
            """;

        Assert.Equal("commented", Valid(text).Name);
    }

    [Fact]
    public void Parse_reports_line_and_column_for_malformed_json()
    {
        const string text = "{\n  \"name\": \"x\",\n  \"seed\": 1 \"replicates\": 2\n}";

        var error = Assert.Single(Errors(text));

        Assert.Equal("$", error.Path);
        Assert.StartsWith("malformed JSON at line 3, column 13:", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"name\": }")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public void Parse_reports_one_error_for_text_that_is_not_json(string text)
    {
        var error = Assert.Single(Errors(text));

        Assert.Equal("$", error.Path);
        Assert.StartsWith("malformed JSON at line 1", error.Message);
    }

    [Fact]
    public void Parse_reports_error_for_null_text()
    {
        Assert.Single(Errors((string)null!));
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("42", "the number 42")]
    [InlineData("null", "null")]
    public void Parse_reports_error_when_root_is_not_an_object(string text, string described)
    {
        var error = Assert.Single(Errors(text));

        Assert.Equal("$", error.Path);
        Assert.Equal($"a sweep spec is a JSON object, got {described}", error.Message);
    }

    [Fact]
    public void Parse_reports_unknown_top_level_field_with_nearest_name()
    {
        var error = Assert.Single(Errors(With(s => s["replicats"] = 2)));

        Assert.Equal("replicats", error.Path);
        Assert.Equal("unknown field 'replicats'; did you mean 'replicates'?", error.Message);
    }

    [Fact]
    public void Parse_reports_unknown_problem_field_with_nearest_name()
    {
        var error = Assert.Single(Errors(With(s => s["problem"]!["sparsty"] = 3)));

        Assert.Equal("problem.sparsty", error.Path);
        Assert.Equal("unknown field 'sparsty'; did you mean 'sparsity'?", error.Message);
    }

    [Fact]
    public void Parse_reports_unknown_evaluation_field_with_nearest_name()
    {
        var error = Assert.Single(Errors(With(s => s["evaluation"]!["sample"] = 10)));

        Assert.Equal("evaluation.sample", error.Path);
        Assert.Equal("unknown field 'sample'; did you mean 'samples'?", error.Message);
    }

    [Fact]
    public void Parse_reports_unknown_axis_field_with_nearest_name()
    {
        var errors = Errors(With(s => s["axes"] = Axes(new JsonObject { ["problem.output_cont"] = new JsonArray(100, 200) })));

        Assert.Equal("unknown axis field 'problem.output_cont'; did you mean 'problem.output_count'?", errors.At("axes[0].problem.output_cont").Message);
    }

    [Fact]
    public void Parse_reports_misspelt_construction_on_axis_at_its_position()
    {
        var errors = Errors(With(s => s["axes"] = Axes(
            new JsonObject { ["problem.output_count"] = new JsonArray(100, 200) },
            new JsonObject { ["construction"] = new JsonArray("superposed-and", "dedicatd") })));

        var error = Assert.Single(errors);
        Assert.Equal("axes[1].construction[1]", error.Path);
        Assert.Equal("unknown construction 'dedicatd'; did you mean 'dedicated'?", error.Message);
    }

    [Fact]
    public void Parse_reports_misspelt_input_distribution_with_nearest_name()
    {
        var error = Assert.Single(Errors(With(s => s["input_distribution"] = "unifrom")));

        Assert.Equal("input_distribution", error.Path);
        Assert.Equal("unknown input distribution 'unifrom'; did you mean 'uniform'?", error.Message);
    }

    [Fact]
    public void Parse_reports_misspelt_graph_with_nearest_name()
    {
        var error = Assert.Single(Errors(With(s => s["problem"]!["graph"] = "powerlaw")));

        Assert.Equal("problem.graph", error.Path);
        Assert.Equal("unknown graph 'powerlaw'; did you mean 'power-law'?", error.Message);
    }

    [Fact]
    public void Parse_reports_misspelt_parameter_with_nearest_name()
    {
        var error = Assert.Single(Errors(With(s => s["params"] = new JsonObject { ["nueron_factor"] = 2.5 })));

        Assert.Equal("params.nueron_factor", error.Path);
        Assert.Equal("'superposed-and' has no parameter 'nueron_factor'; did you mean 'neuron_factor'?", error.Message);
    }

    [Theory]
    [InlineData("sparsity", "\"3\"", "expected a number, got the string '3'")]
    [InlineData("sparsity", "null", "expected a number, got null")]
    [InlineData("input_count", "[100]", "expected a number, got an array")]
    [InlineData("kind", "1", "expected a string, got the number 1")]
    [InlineData("sparsity", "2.5", "must be a whole number, got 2.5")]
    [InlineData("output_count", "0", "must be at least 1, got 0")]
    [InlineData("input_count", "-5", "must be at least 1, got -5")]
    [InlineData("hub_count", "-1", "must be at least 0, got -1")]
    [InlineData("output_count", "3000000000", "must be at most 2147483647, got 3000000000")]
    [InlineData("input_count", "1e400", "the number 1e400 is out of range")]
    [InlineData("hub_fraction", "true", "expected a number, got true")]
    public void Parse_reports_bad_problem_value(string field, string json, string message)
    {
        var spec = Minimal();
        spec["problem"]![field] = JsonNode.Parse(json);

        var error = Assert.Single(Errors(spec.ToJsonString()));

        Assert.Equal($"problem.{field}", error.Path);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("seed", "-1")]
    [InlineData("seed", "1.5")]
    [InlineData("seed", "18446744073709551616")]
    [InlineData("seed", "\"42\"")]
    [InlineData("replicates", "0")]
    [InlineData("replicates", "10001")]
    [InlineData("name", "\"Quick Start\"")]
    [InlineData("name", "\"..\"")]
    [InlineData("name", "\"\"")]
    [InlineData("name", "7")]
    [InlineData("description", "{}")]
    [InlineData("problem", "[]")]
    [InlineData("params", "3")]
    [InlineData("axes", "{}")]
    [InlineData("evaluation", "100")]
    public void Parse_reports_bad_top_level_value_at_its_field(string field, string json)
    {
        var spec = Minimal();
        spec[field] = JsonNode.Parse(json);

        var errors = Errors(spec.ToJsonString());

        Assert.Contains(errors, e => e.Path == field);
    }

    [Fact]
    public void Parse_accepts_largest_seed()
    {
        Assert.Equal(ulong.MaxValue, Valid(With(s => s["seed"] = ulong.MaxValue)).RootSeed);
    }

    [Fact]
    public void Parse_reports_bad_parameter_value_type()
    {
        var error = Assert.Single(Errors(With(s => s["params"] = new JsonObject { ["neuron_factor"] = true })));

        Assert.Equal("params.neuron_factor", error.Path);
        Assert.Equal("expected a number or a string, got true", error.Message);
    }

    [Fact]
    public void Parse_reports_every_missing_required_field()
    {
        var errors = Errors("{}");

        Assert.Equal(["name", "seed", "problem.input_count", "problem.output_count", "problem.sparsity", "construction"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.StartsWith("required", e.Message));
    }

    [Fact]
    public void Parse_accepts_required_field_given_on_an_axis_only()
    {
        var spec = Valid(With(s =>
        {
            s.Remove("construction");
            s["axes"] = Axes(new JsonObject { ["construction"] = new JsonArray("superposed-and", "dedicated") });
        }));

        Assert.Equal("construction", Assert.Single(Assert.Single(spec.Axes).Fields));
    }

    [Fact]
    public void Parse_reports_duplicate_json_field()
    {
        var text = Minimal().ToJsonString().Replace("\"seed\":7", "\"seed\":7,\"seed\":8", StringComparison.Ordinal);

        var error = Assert.Single(Errors(text));

        Assert.Equal("seed", error.Path);
        Assert.Equal("duplicate field 'seed'; each field may appear once", error.Message);
    }

    [Fact]
    public void Parse_reports_empty_axis_list()
    {
        var errors = Errors(With(s => s["axes"] = Axes(new JsonObject { ["construction"] = new JsonArray() })));

        Assert.Equal("an axis needs at least one value", errors.At("axes[0].construction").Message);
    }

    [Fact]
    public void Parse_reports_axis_without_fields()
    {
        var errors = Errors(With(s => s["axes"] = Axes(new JsonObject())));

        Assert.StartsWith("an axis needs at least one field", errors.At("axes[0]").Message);
    }

    [Fact]
    public void Parse_reports_axis_values_that_are_not_a_list()
    {
        var errors = Errors(With(s => s["axes"] = Axes(new JsonObject { ["construction"] = "dedicated" })));

        Assert.Equal("expected an array of values, got the string 'dedicated'", errors.At("axes[0].construction").Message);
    }

    [Fact]
    public void Parse_reports_zipped_lists_of_unequal_length()
    {
        var errors = Errors(With(s => s["axes"] = Axes(new JsonObject
        {
            ["problem.output_count"] = new JsonArray(100, 200, 300),
            ["problem.input_count"] = new JsonArray(100, 200),
        })));

        var error = Assert.Single(errors);
        Assert.Equal("axes[0].problem.input_count", error.Path);
        Assert.Equal("has 2 values but 'problem.output_count' has 3; fields of one axis vary together, so their lists need equal lengths", error.Message);
    }

    [Fact]
    public void Parse_reports_field_on_two_axes()
    {
        var errors = Errors(With(s => s["axes"] = Axes(
            new JsonObject { ["construction"] = new JsonArray("superposed-and") },
            new JsonObject { ["construction"] = new JsonArray("dedicated") })));

        var error = Assert.Single(errors);
        Assert.Equal("axes[1].construction", error.Path);
        Assert.StartsWith("'construction' is already varied by axes[0]", error.Message);
    }

    [Fact]
    public void Parse_reports_duplicate_construction_on_axis()
    {
        var errors = Errors(With(s => s["axes"] = Axes(new JsonObject { ["construction"] = new JsonArray("dedicated", "superposed-and", "dedicated") })));

        var error = Assert.Single(errors);
        Assert.Equal("axes[0].construction[2]", error.Path);
        Assert.Equal("repeats the value dedicated of position 0; each value of an axis must differ", error.Message);
    }

    [Fact]
    public void Parse_reports_duplicate_number_written_differently()
    {
        var errors = Errors(With(s => s["axes"] = Axes(new JsonObject { ["problem.output_count"] = JsonNode.Parse("[100, 1e2]") })));

        Assert.Equal("axes[0].problem.output_count[1]", Assert.Single(errors).Path);
    }

    [Fact]
    public void Parse_reports_duplicate_combination_of_zipped_axis()
    {
        var errors = Errors(With(s => s["axes"] = Axes(new JsonObject
        {
            ["problem.output_count"] = new JsonArray(100, 100),
            ["problem.sparsity"] = new JsonArray(3, 3),
        })));

        var error = Assert.Single(errors);
        Assert.Equal("axes[0].problem.output_count[1]", error.Path);
        Assert.Equal("repeats the combination (problem.output_count=100, problem.sparsity=3) of position 0; each position of an axis must differ", error.Message);
    }

    [Fact]
    public void Parse_accepts_zipped_axis_whose_single_fields_repeat()
    {
        var spec = Valid(With(s => s["axes"] = Axes(new JsonObject
        {
            ["problem.output_count"] = new JsonArray(100, 100),
            ["problem.sparsity"] = new JsonArray(2, 3),
        })));

        Assert.Equal(2, Assert.Single(spec.Axes).Length);
    }

    [Fact]
    public void Parse_reports_too_many_pairs_at_the_axis_position_with_the_case()
    {
        var errors = Errors(With(s => s["axes"] = Axes(
            new JsonObject { ["problem.output_count"] = new JsonArray(1000, 10000) },
            new JsonObject { ["construction"] = new JsonArray("superposed-and", "dedicated") })));

        var error = Assert.Single(errors);
        Assert.Equal("axes[0].problem.output_count[1]", error.Path);
        Assert.Equal("10000 pairs exceed C(m,2) = 4950 for m = 100 (in 2 of 4 cases: problem.output_count=10000)", error.Message);
    }

    [Fact]
    public void Parse_reports_case_error_once_with_the_axis_values_it_shares()
    {
        // with-true-pair needs s ≥ 2: fails in the cases with s = 1, whatever the construction.
        var errors = Errors(With(s =>
        {
            s["input_distribution"] = "with-true-pair";
            s["axes"] = Axes(
                new JsonObject { ["problem.sparsity"] = new JsonArray(1, 3) },
                new JsonObject { ["construction"] = new JsonArray("superposed-and", "dedicated", "representation") });
        }));

        var error = Assert.Single(errors);
        Assert.Equal("input_distribution", error.Path);
        Assert.Equal("'with-true-pair' needs sparsity s ≥ 2, got 1 (in 3 of 6 cases: problem.sparsity=1)", error.Message);
    }

    [Fact]
    public void Parse_reports_sparsity_above_input_count()
    {
        var error = Assert.Single(Errors(With(s => s["problem"]!["sparsity"] = 101)));

        Assert.Equal("problem.sparsity", error.Path);
        Assert.Equal("s = 101 exceeds the number of inputs m = 100", error.Message);
    }

    [Fact]
    public void Parse_reports_construction_that_does_not_solve_the_problem()
    {
        var errors = Errors(With(s =>
        {
            s["problem"] = new JsonObject { ["kind"] = "permutation", ["input_count"] = 100, ["output_count"] = 100, ["sparsity"] = 3 };
            s["axes"] = Axes(new JsonObject { ["construction"] = new JsonArray("superposed-permutation", "superposed-and") });
        }));

        var error = Assert.Single(errors);
        Assert.Equal("axes[0].construction[1]", error.Path);
        Assert.StartsWith("'superposed-and' does not solve permutation problems", error.Message);
        Assert.EndsWith("(in 1 of 2 cases: construction=superposed-and)", error.Message);
    }

    [Fact]
    public void Parse_reports_parameter_below_its_minimum()
    {
        var error = Assert.Single(Errors(With(s => s["params"] = new JsonObject { ["neuron_factor"] = -1 })));

        Assert.Equal("params.neuron_factor", error.Path);
        Assert.Equal("must be greater than 0, got -1", error.Message);
    }

    [Fact]
    public void Parse_reports_parameter_on_axis_that_breaks_a_construction_check()
    {
        var errors = Errors(With(s => s["axes"] = Axes(new JsonObject { ["params.decode_threshold"] = new JsonArray(0.25, 0.75) })));

        // Both margins of superposed-and (channel and block) fall below γ = 0.75, only in that case; each is
        // reported at the parameter it names.
        Assert.Equal(["params.channel_threshold", "params.block_margin"], errors.Select(e => e.Path));
        Assert.All(errors, error =>
        {
            Assert.Contains("must exceed decode_threshold = 0.75", error.Message, StringComparison.Ordinal);
            Assert.EndsWith("(in 1 of 2 cases: params.decode_threshold=0.75)", error.Message);
        });
    }

    [Fact]
    public void Parse_reports_parameter_unknown_to_one_construction_of_the_sweep()
    {
        var errors = Errors(With(s =>
        {
            s["params"] = new JsonObject { ["influence_factor"] = 3 };
            s["axes"] = Axes(new JsonObject { ["construction"] = new JsonArray("superposed-and", "dedicated") });
        }));

        var error = Assert.Single(errors);
        Assert.Equal("params.influence_factor", error.Path);
        Assert.StartsWith("'dedicated' has no parameter 'influence_factor'", error.Message);
    }

    [Fact]
    public void Parse_reports_error_not_exception_for_integer_parameter_beyond_int_range()
    {
        // Regression: ParameterDefinition.Check accepted 1e20 and InputLayers.CodeWidth then threw OverflowException.
        var error = Assert.Single(Errors(With(s => s["params"] = new JsonObject { ["min_code_width"] = 1e20 })));

        Assert.Equal("params.min_code_width", error.Path);
    }

    [Fact]
    public void Parse_reports_string_with_unpaired_surrogate()
    {
        var text = Minimal().ToJsonString().Replace("\"sample\"", "\"\\ud800\"", StringComparison.Ordinal);

        Assert.Equal("name", Assert.Single(Errors(text)).Path);
    }

    [Fact]
    public void Parse_reports_too_many_cases()
    {
        var many = new JsonArray([.. Enumerable.Range(1, 400).Select(i => (JsonNode)i)]);
        var errors = Errors(With(s => s["axes"] = Axes(
            new JsonObject { ["problem.output_count"] = many.DeepClone() },
            new JsonObject { ["params.neuron_factor"] = many.DeepClone() })));

        Assert.Equal("the axes expand to 160000 cases; at most 100000 are supported (split the sweep)", errors.At("axes").Message);
    }

    [Fact]
    public void Parse_reports_every_kind_of_error_at_once()
    {
        var spec = With(s =>
        {
            s["nmae"] = "typo";
            s["problem"]!["sparsity"] = 0;
            s["construction"] = "superposd-and";
            s["axes"] = Axes(new JsonObject { ["problem.output_count"] = new JsonArray(100, 100000) });
            s["evaluation"]!["batch_size"] = "big";
        });

        var errors = Errors(spec);

        Assert.Equal(["problem.sparsity", "construction", "evaluation.batch_size", "nmae"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Parse_checks_cases_while_reporting_field_errors()
    {
        var errors = Errors(With(s =>
        {
            s["replicats"] = 2;
            s["axes"] = Axes(new JsonObject { ["problem.output_count"] = new JsonArray(100, 100000) });
        }));

        Assert.Equal(["replicats", "axes[0].problem.output_count[1]"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Parse_reports_error_paths_of_odd_field_names_unambiguously()
    {
        var error = Assert.Single(Errors(With(s => s["a b"] = 1)));

        Assert.Equal("[\"a b\"]", error.Path);
    }
}
