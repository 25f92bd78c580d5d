using System.Text.Json.Nodes;
using Superposition.Constructions;
using Superposition.Randomness;
using Superposition.Specs;
using Superposition.Sweeps;
using Xunit;
using static Superposition.Core.Tests.Specs.SpecSamples;

namespace Superposition.Core.Tests.Specs;

public class SweepExpansionTests
{
    private static JsonObject Sweep(JsonArray outputs, JsonArray constructions, int replicates = 1) => With(s =>
    {
        s["replicates"] = replicates;
        s["axes"] = Axes(
            new JsonObject { ["problem.output_count"] = outputs },
            new JsonObject { ["construction"] = constructions });
    });

    [Fact]
    public void Expand_orders_first_axis_outermost_and_replicates_innermost()
    {
        var runs = SweepExpansion.Expand(Valid(Sweep(new JsonArray(100, 200), new JsonArray("superposed-and", "dedicated"), replicates: 2)));

        Assert.Equal(
            [(100, "superposed-and", 0), (100, "superposed-and", 1), (100, "dedicated", 0), (100, "dedicated", 1),
             (200, "superposed-and", 0), (200, "superposed-and", 1), (200, "dedicated", 0), (200, "dedicated", 1)],
            runs.Select(r => (r.Problem.OutputCount, r.ConstructionName, r.Replicate)));
        Assert.Equal(Enumerable.Range(0, 8), runs.Select(r => r.Index));
        Assert.All(runs, r => Assert.Equal("sample", r.Sweep));
        Assert.All(runs, r => Assert.Equal((100, 50, 2), (r.Samples, r.BatchSize, r.BatchCount)));
    }

    [Fact]
    public void Expand_applies_zipped_fields_together()
    {
        var runs = SweepExpansion.Expand(Valid(With(s => s["axes"] = Axes(new JsonObject
        {
            ["problem.output_count"] = new JsonArray(1000, 10000),
            ["problem.input_count"] = new JsonArray(1000, 10000),
        }))));

        Assert.Equal([(1000, 1000), (10000, 10000)], runs.Select(r => (r.Problem.InputCount, r.Problem.OutputCount)));
    }

    [Fact]
    public void Expand_fills_problem_and_parameter_defaults()
    {
        var run = Assert.Single(SweepExpansion.Expand(Valid(With(s =>
        {
            s["problem"] = new JsonObject { ["input_count"] = 100, ["output_count"] = 200, ["sparsity"] = 3 };
            s.Remove("input_distribution");
        }))));

        Assert.Equal(new Problems.ProblemSpec(Problems.ProblemKind.And, "random", 100, 200, 3, 0, 0.5, 1.0), run.Problem);
        Assert.Equal("uniform", run.InputDistribution.Name);
        var definition = ConstructionRegistry.Find("superposed-and")!;
        // Every parameter, except those added after case ids were fixed while they hold their default.
        Assert.Equal(definition.Parameters.Where(p => !p.OmittedAtDefault).Select(p => p.Name).Order(StringComparer.Ordinal), run.Construction.Values.Numbers.Keys.Concat(run.Construction.Values.Choices.Keys).Order(StringComparer.Ordinal));
        Assert.Equal(2.5, run.Construction.Values.Number("neuron_factor"));
        Assert.Equal("auto", run.Construction.Values.Choice("input_encoding"));
    }

    [Fact]
    public void Expand_gives_permutation_problems_the_permutation_graph_by_default()
    {
        var run = Assert.Single(SweepExpansion.Expand(Valid(With(s =>
        {
            s["problem"] = new JsonObject { ["kind"] = "permutation", ["input_count"] = 100, ["output_count"] = 100, ["sparsity"] = 3 };
            s["construction"] = "superposed-permutation";
        }))));

        Assert.Equal("permutation", run.Problem.Graph);
    }

    [Fact]
    public void Expand_keeps_case_ids_and_seeds_when_an_axis_value_is_added()
    {
        var before = SweepExpansion.Expand(Valid(Sweep(new JsonArray(100, 200), new JsonArray("superposed-and", "dedicated"), replicates: 2)));
        var after = SweepExpansion.Expand(Valid(Sweep(new JsonArray(100, 150, 200), new JsonArray("superposed-and", "representation", "dedicated"), replicates: 2)));

        var afterById = after.ToDictionary(r => (r.CaseId, r.Replicate));
        Assert.All(before, run =>
        {
            var same = afterById[(run.CaseId, run.Replicate)];
            Assert.Equal((run.Problem, run.Construction), (same.Problem, same.Construction));
            Assert.Equal((run.ProblemSeed, run.SampleSeed, run.ConstructionSeed), (same.ProblemSeed, same.SampleSeed, same.ConstructionSeed));
        });
    }

    [Fact]
    public void Expand_keeps_case_ids_and_seeds_when_axes_are_reordered()
    {
        var forward = Valid(Sweep(new JsonArray(100, 200), new JsonArray("superposed-and", "dedicated")));
        var reversed = Valid(With(s => s["axes"] = Axes(
            new JsonObject { ["construction"] = new JsonArray("dedicated", "superposed-and") },
            new JsonObject { ["problem.output_count"] = new JsonArray(200, 100) })));

        static IEnumerable<(string, Seed, Seed, Seed)> Identity(SweepSpec spec) =>
            SweepExpansion.Expand(spec).Select(r => (r.CaseId.Value, r.ProblemSeed, r.SampleSeed, r.ConstructionSeed)).Order();

        Assert.Equal(Identity(forward), Identity(reversed));
    }

    [Fact]
    public void Expand_gives_replicates_one_case_id_and_distinct_seeds()
    {
        var runs = SweepExpansion.Expand(Valid(With(s => s["replicates"] = 3)));

        Assert.Single(runs.Select(r => r.CaseId).Distinct());
        Assert.Equal(3, runs.Select(r => r.ProblemSeed).Distinct().Count());
        Assert.Equal(3, runs.Select(r => r.SampleSeed).Distinct().Count());
        Assert.Equal(3, runs.Select(r => r.ConstructionSeed).Distinct().Count());
    }

    [Fact]
    public void Expand_shares_problem_and_sample_seeds_across_constructions()
    {
        var runs = SweepExpansion.Expand(Valid(Sweep(new JsonArray(100), new JsonArray("superposed-and", "dedicated", "representation"))));

        Assert.Single(runs.Select(r => r.ProblemSeed).Distinct());
        Assert.Single(runs.Select(r => r.SampleSeed).Distinct());
        Assert.Equal(3, runs.Select(r => r.ConstructionSeed).Distinct().Count());
    }

    [Fact]
    public void Expand_shares_problem_seed_but_not_sample_seed_across_distributions()
    {
        var runs = SweepExpansion.Expand(Valid(With(s => s["axes"] = Axes(new JsonObject { ["input_distribution"] = new JsonArray("uniform", "with-true-pair") }))));

        Assert.Single(runs.Select(r => r.ProblemSeed).Distinct());
        Assert.Equal(2, runs.Select(r => r.SampleSeed).Distinct().Count());
    }

    [Fact]
    public void Expand_changes_seeds_but_not_case_ids_with_the_root_seed()
    {
        var first = Assert.Single(SweepExpansion.Expand(Valid(Minimal())));
        var second = Assert.Single(SweepExpansion.Expand(Valid(With(s => s["seed"] = 8))));

        Assert.Equal(first.CaseId, second.CaseId);
        Assert.NotEqual(first.ProblemSeed, second.ProblemSeed);
        Assert.NotEqual(first.ConstructionSeed, second.ConstructionSeed);
    }

    [Fact]
    public void Expand_gives_equal_case_ids_whether_a_default_is_written_or_not()
    {
        var implicitDefault = Assert.Single(SweepExpansion.Expand(Valid(Minimal())));
        var explicitDefault = Assert.Single(SweepExpansion.Expand(Valid(With(s =>
        {
            s["params"] = new JsonObject { ["neuron_factor"] = 2.5 };
            s["problem"]!["hub_fraction"] = 0.5;
        }))));

        Assert.Equal(implicitDefault.CaseId, explicitDefault.CaseId);
        Assert.Equal(implicitDefault.ConstructionSeed, explicitDefault.ConstructionSeed);
    }

    [Fact]
    public void Expand_ignores_the_sweep_name_in_case_ids()
    {
        var first = Assert.Single(SweepExpansion.Expand(Valid(Minimal())));
        var renamed = Assert.Single(SweepExpansion.Expand(Valid(With(s => s["name"] = "other"))));

        Assert.Equal((first.CaseId, first.ConstructionSeed), (renamed.CaseId, renamed.ConstructionSeed));
    }

    [Fact]
    public void Expand_derives_seeds_as_documented()
    {
        var run = Assert.Single(SweepExpansion.Expand(Valid(Minimal())));
        var root = new Seed(7);
        const string problem = """{"graph":"random","hub_count":0,"hub_fraction":0.5,"input_count":100,"kind":"and","output_count":200,"power_law_exponent":1,"sparsity":3}""";
        const string samples = """{"input_distribution":"uniform","problem":""" + problem + "}";
        const string parameters = """{"block_factor":4,"block_margin":0.5,"block_noise_factor":8,"channel_threshold":1.5,"code_width_factor":1,"decode_threshold":0.25,"gate_offset":2,"gate_slope":2,"influence_factor":4,"input_encoding":"auto","min_code_width":4,"neuron_factor":2.5}""";
        const string canonicalCase = """{"construction":"superposed-and","input_distribution":"uniform","params":""" + parameters + ""","problem":""" + problem + "}";
        const string network = """{"construction":"superposed-and","params":""" + parameters + ""","problem":""" + problem + "}";

        Assert.Equal(root.Derive("problem").Derive(problem).Derive(0), run.ProblemSeed);
        Assert.Equal(root.Derive("samples").Derive(samples).Derive(0), run.SampleSeed);
        Assert.Equal(root.Derive("construction").Derive(network).Derive(0), run.ConstructionSeed);
        Assert.Equal(SpecParser.HashOf(canonicalCase)[..12], run.CaseId.Value);
    }

    [Fact]
    public void Expand_keeps_pinned_case_id_of_reference_case()
    {
        // Case ids join datasets across runs and tool versions: a change here must be deliberate.
        var run = Assert.Single(SweepExpansion.Expand(Valid(Minimal())));

        Assert.Equal("056bfad12fe0", run.CaseId.Value);
    }

    [Fact]
    public void Expand_leaves_parameters_added_later_out_of_case_ids_while_they_hold_their_default()
    {
        // superposed-and's decoder and decoder_fraction came after case ids were fixed (docs/spec-format.md,
        // "Parameters added later"): written at their defaults they are the pinned case; set, a new case.
        var explicitDefaults = Assert.Single(SweepExpansion.Expand(Valid(With(s => s["params"] = new JsonObject { ["decoder"] = "all-above", ["decoder_fraction"] = 1 }))));
        var kOfW = Assert.Single(SweepExpansion.Expand(Valid(With(s => s["params"] = new JsonObject { ["decoder"] = "k-of-w", ["decoder_fraction"] = 0.75 }))));

        Assert.Equal("superposed-and", explicitDefaults.ConstructionName);
        Assert.Equal("056bfad12fe0", explicitDefaults.CaseId.Value);
        Assert.False(explicitDefaults.Construction.Values.Choices.ContainsKey("decoder"));
        Assert.NotEqual("056bfad12fe0", kOfW.CaseId.Value);
        Assert.Equal("k-of-w", kOfW.Construction.Values.Choice("decoder"));
        Assert.Equal(0.75, kOfW.Construction.Values.Number("decoder_fraction"));
    }

    [Fact]
    public void A_sweep_spec_is_made_only_by_the_parser_so_expansion_need_not_check_it_again()
    {
        // Parse, don't validate: code outside Core can neither construct a SweepSpec nor change one with
        // `with`, so holding one proves every check of SpecParser.Parse passed.
        var type = typeof(SweepSpec);

        Assert.Empty(type.GetConstructors(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance));
        Assert.All(type.GetProperties(), property => Assert.False(property.SetMethod?.IsPublic ?? false, $"{property.Name} has a public setter"));
    }

    [Fact]
    public void CaseCount_saturates_instead_of_overflowing()
    {
        var valid = Valid(Minimal());
        var wide = new SweepAxis(["params.neuron_factor"], [[.. Enumerable.Range(1, 1 << 16).Select(i => (object)(double)i)]]);

        Assert.Equal(long.MaxValue, SweepExpansion.CaseCount(valid with { Axes = [wide, wide, wide, wide, wide] }));
    }

    [Fact]
    public void ShardOf_keeps_pinned_values()
    {
        // --shard i/N must pick the same runs on every machine and in every version.
        Assert.Equal(
            [5, 5, 874],
            [SweepExpansion.ShardOf("056bfad12fe0", 0, 7), SweepExpansion.ShardOf("056bfad12fe0", 1, 7), SweepExpansion.ShardOf("000000000000", 0, 1000)]);
    }

    [Fact]
    public void ShardOf_rejects_fewer_than_one_shard()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepExpansion.ShardOf("056bfad12fe0", 0, 0));
    }
}
