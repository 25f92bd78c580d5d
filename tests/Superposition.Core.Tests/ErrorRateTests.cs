using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Statistics;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// Invariant 8 (docs/mathematics.md §7): superposed-and with its defaults makes no error on
/// thousands of inputs of every distribution, and with c_n = 1.0 it does (the sharp transition of
/// docs/mathematics.md §4.5). Batches are evaluated in parallel, one scratch per worker.
/// </summary>
public class ErrorRateTests
{
    private const int SamplesPerDistribution = 2000;

    private const int BatchSize = 250;

    /// <summary>Enough to see errors at c_n = 1.0, where nearly every sample with s = 3 active inputs is wrong.</summary>
    private const int ErrorDemonstrationSamples = 100;

    private static readonly ImmutableDictionary<string, object> Defaults = ImmutableDictionary<string, object>.Empty;

    private static readonly ImmutableDictionary<string, object> Narrow = Defaults.Add("neuron_factor", 1.0);

    [Fact]
    public void Evaluate_makes_no_error_with_defaults_at_ten_thousand_outputs()
    {
        var network = Build(10_000, Defaults);

        Assert.Equal(InputEncoding.Superposed, network.InputEncoding);
        foreach (var distribution in InputDistributions.Names.Where(d => InputDistributions.Check(d, network.Problem.Spec, "") is null))
        {
            var statistics = Evaluate(network, distribution, SamplesPerDistribution);
            Assert.True(statistics.WrongSamples == 0, $"{distribution}: {statistics.WrongSamples} of {statistics.Samples} samples wrong ({statistics.FalsePositives} false positives, {statistics.FalseNegatives} false negatives)");
            Assert.Equal(SamplesPerDistribution, statistics.Samples);
        }
    }

    [Fact]
    public void Evaluate_makes_errors_with_neuron_factor_one_and_superposed_inputs_at_ten_thousand_outputs()
    {
        var network = Build(10_000, Narrow.Add("input_encoding", "superposed"));

        foreach (var distribution in InputDistributions.Names.Where(d => InputDistributions.Check(d, network.Problem.Spec, "") is null))
        {
            var statistics = Evaluate(network, distribution, ErrorDemonstrationSamples);
            Assert.True(statistics.WrongSamples > 0, $"{distribution}: c_n = 1.0 made no error");
            Assert.Equal(0, statistics.FalseNegatives);
        }
    }

    /// <summary>The acceptance check at scale: m = m' = 10^5, random pairs, s = 3, defaults, at most 0.5 · m' neurons.</summary>
    [Fact]
    public void Evaluate_makes_no_error_with_defaults_at_a_hundred_thousand_outputs_within_half_m_prime_neurons()
    {
        var network = Build(100_000, Defaults);

        Assert.True(network.Resources.NeuronCount <= 50_000, $"{network.Resources.NeuronCount} neurons exceed 0.5 · m'");
        foreach (var distribution in InputDistributions.Names.Where(d => InputDistributions.Check(d, network.Problem.Spec, "") is null))
        {
            var statistics = Evaluate(network, distribution, SamplesPerDistribution);
            Assert.True(statistics.WrongSamples == 0, $"{distribution}: {statistics.WrongSamples} of {statistics.Samples} samples wrong ({statistics.FalsePositives} false positives, {statistics.FalseNegatives} false negatives)");
            Assert.Equal(SamplesPerDistribution, statistics.Samples);
        }
    }

    [Fact]
    public void Evaluate_makes_errors_with_neuron_factor_one_at_a_hundred_thousand_outputs()
    {
        var network = Build(100_000, Narrow);

        var statistics = Evaluate(network, InputDistributions.Uniform, ErrorDemonstrationSamples);

        Assert.True(statistics.WrongSamples > 0, "c_n = 1.0 made no error");
        Assert.Equal(0, statistics.FalseNegatives);
    }

    private static Network Build(int outputs, ImmutableDictionary<string, object> parameters) =>
        NetworkBuilder.Build(new ProblemSpec(ProblemKind.And, "random", outputs, outputs, 3), SuperposedAnd.Definition.Name, parameters, new Seed(2).Derive("problem"), new Seed(2).Derive("construction"));

    private static ErrorStatistics Evaluate(Network network, string distribution, int samples)
    {
        var seed = new Seed(3).Derive(distribution);
        var batches = (samples + BatchSize - 1) / BatchSize;
        var results = new ErrorStatistics[batches];
        Parallel.For(0, batches, () => new EvaluationScratch(network), (k, _, scratch) =>
        {
            var count = Math.Min(BatchSize, samples - (k * BatchSize));
            var batch = InputSamplers.Batch(network.Problem, distribution, k * BatchSize, count, seed.Derive(k));
            results[k] = Scoring.Score(network.Problem, batch, FactoredEvaluator.Evaluate(network, batch, scratch), keepSamples: false).Statistics;
            return scratch;
        }, _ => { });
        return results.Aggregate(ErrorStatistics.Empty, (total, batch) => total.Combine(batch));
    }
}
