using System.Text.Json.Nodes;
using Superposition.Evaluation;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Sweeps;
using Xunit;
using static Superposition.Core.Tests.Specs.SpecSamples;

namespace Superposition.Core.Tests.Specs;

/// <summary>
/// Circuit problems from a spec: the depth field, both circuit generators, every bad value at its path,
/// constructions and input distributions that do not apply refused at plan time, and what plan accepts builds.
/// </summary>
public class CircuitSpecTests
{
    private static JsonObject Circuit(int inputs, int gates, int depth, string graph = "random-layered", string construction = "superposed-circuit") => With(s =>
    {
        s["problem"] = new JsonObject { ["kind"] = "circuit", ["graph"] = graph, ["input_count"] = inputs, ["output_count"] = gates, ["sparsity"] = 3, ["depth"] = depth };
        s["construction"] = construction;
    });

    [Fact]
    public void A_random_layered_circuit_spec_expands_to_runs_that_build_a_stack_of_its_depth()
    {
        var spec = Valid(With(s =>
        {
            s["problem"] = new JsonObject { ["kind"] = "circuit", ["input_count"] = 40, ["output_count"] = 50, ["sparsity"] = 3 };
            s["construction"] = "superposed-circuit";
            s["axes"] = Axes(new JsonObject { ["problem.depth"] = new JsonArray(1, 2, 3), ["params.rethreshold"] = new JsonArray("on", "off", "on") });
        }));

        var runs = SweepExpansion.Expand(spec);

        Assert.Equal([1, 2, 3], runs.Select(r => r.Problem.Depth));
        Assert.All(runs, r => Assert.Equal("random-layered", r.Problem.Graph));
        Assert.Equal(3, runs.Select(r => r.CaseId).Distinct().Count());
        foreach (var run in runs)
        {
            var network = NetworkBuilder.Build(run);
            var problem = Assert.IsType<CircuitProblem>(network.Problem);
            Assert.Equal(run.Problem.Depth, problem.Circuit.Depth);
            Assert.All(Enumerable.Range(0, problem.Circuit.Depth), k => Assert.Equal(50, problem.Circuit.Width(k)));
            Assert.Equal(run.Problem.Depth, network.Layers.Length);
            Assert.Equal(run.Construction.Values, network.Parameters);
        }
    }

    [Fact]
    public void Balanced_trees_read_m_prime_times_two_to_the_d_inputs()
    {
        var run = Assert.Single(SweepExpansion.Expand(Valid(Circuit(5 << 3, 5, 3, "and-trees"))));
        var network = NetworkBuilder.Build(run);
        var circuit = Assert.IsType<CircuitProblem>(network.Problem).Circuit;

        Assert.Equal([20, 10, 5], Enumerable.Range(0, 3).Select(circuit.Width));
        var tree = Enumerable.Range(8, 8).ToArray();
        Assert.Equal([1], circuit.GateValues(tree)[^1]);
    }

    [Fact]
    public void One_layer_problems_keep_their_case_ids_and_a_depth_makes_circuits_distinct()
    {
        var and = Assert.Single(SweepExpansion.Expand(Valid(Minimal())));
        Assert.DoesNotContain("depth", CanonicalJson.Problem(and.Problem), StringComparison.Ordinal);
        Assert.Contains("\"depth\":3", CanonicalJson.Problem(new ProblemSpec(ProblemKind.Circuit, "random-layered", 40, 50, 3, Depth: 3)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "at least 1")]
    [InlineData(17, "at most 16")]
    public void A_depth_out_of_range_is_reported_at_its_path(int depth, string expected) =>
        Assert.Contains(expected, Errors(Circuit(40, 50, depth)).At("problem.depth").Message, StringComparison.Ordinal);

    [Fact]
    public void A_depth_on_a_one_layer_problem_is_an_error() =>
        Assert.Contains("circuit problems only", Errors(With(s => s["problem"]!["depth"] = 2)).At("problem.depth").Message, StringComparison.Ordinal);

    [Fact]
    public void Every_bad_circuit_field_is_reported_at_its_path()
    {
        Assert.Contains("m = m' · 2^d = 40", Errors(Circuit(41, 5, 3, "and-trees")).At("problem.input_count").Message, StringComparison.Ordinal);
        Assert.Contains("exceed C(m,2) = 45", Errors(Circuit(10, 46, 2)).At("problem.output_count").Message, StringComparison.Ordinal);
        Assert.Contains("m' ≥ 3", Errors(Circuit(10, 2, 2)).At("problem.output_count").Message, StringComparison.Ordinal);
        Assert.Contains("unknown circuit generator 'random'", Errors(Circuit(40, 50, 2, "random")).At("problem.graph").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("superposed-and")]
    [InlineData("dedicated")]
    [InlineData("superposed-permutation")]
    public void Constructions_that_do_not_solve_circuits_are_refused_at_plan_time(string construction) =>
        Assert.Contains("does not solve circuit problems", Errors(Circuit(40, 50, 2, construction: construction)).At("construction").Message, StringComparison.Ordinal);

    [Fact]
    public void The_circuit_construction_refuses_other_problems() =>
        Assert.Contains("does not solve and problems", Errors(With(s => s["construction"] = "superposed-circuit")).At("construction").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("with-true-pair")]
    [InlineData("hubs")]
    public void Pair_distributions_are_refused_for_circuits(string distribution) =>
        Assert.Contains("'and' problems only", Errors(With(s =>
        {
            s["problem"] = new JsonObject { ["kind"] = "circuit", ["input_count"] = 40, ["output_count"] = 50, ["sparsity"] = 3, ["depth"] = 2 };
            s["construction"] = "superposed-circuit";
            s["input_distribution"] = distribution;
        })).At("input_distribution").Message, StringComparison.Ordinal);

    [Fact]
    public void A_rethreshold_word_other_than_on_or_off_is_refused_at_its_parameter() =>
        Assert.Contains("on", Errors(With(s =>
        {
            s["problem"] = new JsonObject { ["kind"] = "circuit", ["input_count"] = 40, ["output_count"] = 50, ["sparsity"] = 3, ["depth"] = 2 };
            s["construction"] = "superposed-circuit";
            s["params"] = new JsonObject { ["rethreshold"] = "yes" };
        })).At("params.rethreshold").Message, StringComparison.Ordinal);

    [Fact]
    public void A_planned_circuit_case_evaluates_with_no_false_negative()
    {
        var run = Assert.Single(SweepExpansion.Expand(Valid(Circuit(30, 40, 3))));
        var network = NetworkBuilder.Build(run);
        var batch = Inputs.InputSamplers.Batch(network.Problem, "uniform", 0, 200, run.SampleSeed);
        var outcome = NetworkEvaluator.Evaluate(network, batch, new EvaluationScratch(network));
        var (statistics, _) = Scoring.Score(network.Problem, batch, outcome, keepSamples: false);

        Assert.Equal(200, statistics.Samples);
        Assert.Equal(0, statistics.FalseNegatives);
    }
}
