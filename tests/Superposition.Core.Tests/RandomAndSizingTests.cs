using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Statistics;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// random-and sized from the problem (docs/mathematics.md §6): the formulas, written out here from the
/// read-noise model; the layer they give is not swamped by read noise where the former fixed defaults
/// (d = 2000, p = 0.1) were; and a spec that sets those former values keeps its case id.
/// </summary>
public class RandomAndSizingTests
{
    [Fact]
    public void Explicit_inputs_take_p_as_the_budget_over_the_other_active_inputs_and_d_from_the_support()
    {
        var problem = new ProblemSpec(ProblemKind.And, "random", 500, 2000, 3);
        var options = new RandomAndOptions();

        var (neurons, probability) = RandomAndSizing.Resolve(problem, options);

        Assert.True(options.InputLayer.IsExplicit(problem));
        Assert.Equal(0.25 / 2, probability, 12);
        Assert.Equal(Math.Ceiling(2 * Math.Log(2000) / (0.125 * 0.125)), neurons);
    }

    [Fact]
    public void Superposed_inputs_take_the_read_noise_of_every_inactive_input_into_p()
    {
        var problem = new ProblemSpec(ProblemKind.And, "random", 10_000, 10_000, 3);
        var options = new RandomAndOptions();
        // b = ⌈log2 10⁴⌉ = 14, n_0 = ⌈2.5 · 14 · √(3 · 10⁴)⌉ = 6,063; q = 1 − (1 − 14/6,063)³.
        var q = 1 - Math.Pow(1 - (14.0 / 6063), 3);
        var p = 0.25 / ((9997 * q) + 2);

        var (neurons, probability) = RandomAndSizing.Resolve(problem, options);

        Assert.False(options.InputLayer.IsExplicit(problem));
        Assert.Equal(p, probability, 12);
        Assert.Equal(Math.Ceiling(2 * Math.Log(10_000) / (p * p)), neurons);
        Assert.InRange(probability, 0.0034, 0.0036);
    }

    [Fact]
    public void One_active_input_and_no_read_noise_connect_every_neuron_to_every_input()
    {
        var (_, probability) = RandomAndSizing.Resolve(new ProblemSpec(ProblemKind.And, "random", 50, 100, 1), new RandomAndOptions());

        Assert.Equal(1.0, probability);
    }

    [Fact]
    public void Set_values_are_used_as_given()
    {
        var (neurons, probability) = RandomAndSizing.Resolve(new ProblemSpec(ProblemKind.And, "random", 50, 100, 3), new RandomAndOptions { Neurons = 123, ConnectionProbability = 0.3 });

        Assert.Equal((123.0, 0.3), (neurons, probability));
    }

    /// <summary>m = m' = 3,000, superposed inputs: read noise m · p · q ≈ 3.8 lifts every neuron at the former d = 2000, p = 0.1.</summary>
    [Fact]
    public void Sized_from_the_problem_it_is_not_degenerate_where_the_former_fixed_size_reads_every_output_as_one()
    {
        var former = Build(ImmutableDictionary<string, object>.Empty.Add("neurons", 2000.0).Add("connection_probability", 0.1));
        var sized = Build(ImmutableDictionary<string, object>.Empty);

        var before = Evaluate(former, 200);
        var after = Evaluate(sized, 200);

        Assert.Equal(InputEncoding.Superposed, sized.InputEncoding);
        Assert.Equal(200, before.WrongSamples);
        Assert.True(before.FalsePositives > 200 * 2900, $"{before.FalsePositives} false positives: not every output read 1");
        Assert.True(after.WrongSamples <= 20, $"sized from the problem: {after.WrongSamples} of 200 wrong ({after.FalsePositives} false positives, {after.FalseNegatives} false negatives)");
    }

    [Fact]
    public void The_former_values_written_out_keep_their_case_text_and_the_new_parameters_stay_out_of_it()
    {
        var definition = ConstructionRegistry.Find("random-and")!;
        var set = definition.Resolve(new Dictionary<string, object> { ["neurons"] = 2000.0, ["connection_probability"] = 0.1 }, "params").Request!;
        var defaults = definition.Defaults;

        var text = CanonicalJson.Parameters(set.Values);

        Assert.Equal("""{"code_width_factor":1,"connection_probability":0.1,"input_encoding":"auto","mean_threshold":0.5,"min_code_width":4,"neuron_factor":2.5,"neuron_threshold":1,"neurons":2000}""", text);
        Assert.Equal("""{"code_width_factor":1,"connection_probability":0,"input_encoding":"auto","mean_threshold":0.5,"min_code_width":4,"neuron_factor":2.5,"neuron_threshold":1,"neurons":0}""", CanonicalJson.Parameters(defaults.Values));
    }

    private static Network Build(ImmutableDictionary<string, object> parameters) =>
        NetworkBuilder.Build(new ProblemSpec(ProblemKind.And, "random", 3000, 3000, 3), RandomAnd.Definition.Name, parameters.Add("input_encoding", "superposed"), new Seed(5).Derive("problem"), new Seed(5).Derive("construction"));

    private static ErrorStatistics Evaluate(Network network, int samples)
    {
        var batch = InputSamplers.Batch(network.Problem, InputDistributions.Uniform, 0, samples, new Seed(6));
        return Scoring.Score(network.Problem, batch, FactoredEvaluator.Evaluate(network, batch, new EvaluationScratch(network)), keepSamples: false).Statistics;
    }
}
