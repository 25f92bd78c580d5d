using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace Superposition.Core.Tests;

/// <summary>
/// On a network with rare errors, the search against uniform sampling: evaluations until the first
/// wrong input, median over seeds. The network is the undersized case of pipelines/exhaustive.json
/// (m = 300, m' = 10⁴, s = 3, superposed-and at neuron_factor 1 and block_factor 1), wrong on 517 of
/// its 4,455,100 inputs, so uniform sampling needs about 8,600 inputs on average.
/// </summary>
public class AdversarialSearchTests(ITestOutputHelper output)
{
    private const int Seeds = 9;

    private const int Budget = 4000;

    [Fact]
    public void The_search_finds_a_wrong_input_in_fewer_evaluations_than_uniform_sampling_median_over_seeds()
    {
        var network = NetworkBuilder.Build(
            new ProblemSpec(ProblemKind.And, "random", 300, 10_000, 3),
            SuperposedAnd.Definition.Name,
            ImmutableDictionary<string, object>.Empty.Add("neuron_factor", 1.0).Add("block_factor", 1.0),
            new Seed(14).Derive("problem"),
            new Seed(14).Derive("construction"));

        var searched = Enumerable.Range(0, Seeds).Select(k => AdversarialSearch.Search(network, Budget, new Seed(700).Derive(k))).ToList();
        var sampled = Enumerable.Range(0, Seeds).Select(k => UniformUntilWrong(network, new Seed(900).Derive(k), 200_000)).ToList();

        // A search that found nothing counts as more than its budget.
        var searchedCounts = searched.Select(r => r.FirstWrongAt > 0 ? r.FirstWrongAt : Budget + 1).Order().ToList();
        var sampledCounts = sampled.Order().ToList();
        output.WriteLine($"search, evaluations to the first wrong input (budget {Budget}): {string.Join(", ", searchedCounts)}; median {searchedCounts[Seeds / 2]}");
        output.WriteLine($"uniform sampling, inputs to the first wrong one: {string.Join(", ", sampledCounts)}; median {sampledCounts[Seeds / 2]}");
        Assert.True(searchedCounts[Seeds / 2] < sampledCounts[Seeds / 2], $"search median {searchedCounts[Seeds / 2]}, sampling median {sampledCounts[Seeds / 2]}");
    }

    /// <summary>Uniform inputs in batches of 500 until one is wrong; its 1-based position (or the limit + 1).</summary>
    private static int UniformUntilWrong(Network network, Seed seed, int limit)
    {
        var scratch = new EvaluationScratch(network);
        for (var first = 0; first < limit; first += 500)
        {
            var batch = InputSamplers.Batch(network.Problem, InputDistributions.Uniform, first, 500, seed.Derive(first / 500));
            var (statistics, samples) = Scoring.Score(network.Problem, batch, FactoredEvaluator.Evaluate(network, batch, scratch), keepSamples: true);
            if (statistics.WrongSamples > 0)
            {
                return (int)samples.First(s => !s.Correct).SampleIndex + 1;
            }
        }
        return limit + 1;
    }
}
