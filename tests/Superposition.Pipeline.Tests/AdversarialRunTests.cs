using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Pipeline.Tests;

/// <summary>Searched inputs through the pipeline: each sample is the search its seed names, whatever the parallelism.</summary>
public sealed class AdversarialRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Each_sample_is_the_result_of_the_search_its_seed_names_and_the_evaluations_are_counted()
    {
        var problem = new ProblemSpec(ProblemKind.And, "random", 30, 300, 3);
        var request = ConstructionRegistry.Find("superposed-and")!.Resolve(ImmutableSortedDictionary<string, object>.Empty.Add("block_factor", 0.5), "params").Request!;
        var root = new Seed(77);
        var runCase = new RunCase(
            "adversarial", 0, new CaseId("searched"), 0, problem, request, InputDistributionRegistry.Find(UniformInputs.DistributionName)!,
            Samples: 12, BatchSize: 5, root.Derive("problem"), root.Derive("construction"), root.Derive("samples"), SearchBudget: 150);
        var serial = new MemorySink();
        var parallel = new MemorySink();

        await SweepRunner.RunAsync([runCase], serial, TestCases.Options(1, keepSamples: true), null, CancellationToken.None).WaitAsync(Timeout);
        await SweepRunner.RunAsync([runCase], parallel, TestCases.Options(3, keepSamples: true), null, CancellationToken.None).WaitAsync(Timeout);

        var network = NetworkBuilder.Build(runCase);
        var searches = Enumerable.Range(0, 12).Select(i => AdversarialSearch.Search(network, 150, runCase.SampleSeed.Derive(i / 5).Derive(i % 5))).ToList();
        var row = Assert.Single(serial.Rows);
        Assert.Equal(TestCases.WithoutTiming(row), TestCases.WithoutTiming(Assert.Single(parallel.Rows)));
        Assert.True(row.Adversarial);
        Assert.Equal(searches.Sum(s => (long)s.Evaluations), row.SearchEvaluations);
        Assert.Equal(searches.Select(s => string.Join(",", s.Input)), serial.Samples.Select(s => string.Join(",", s.ActiveInputs)));
        Assert.Equal(searches.Count(s => s.Wrong), serial.Samples.Count(s => s.FalsePositiveOutputs.Length > 0));
        Assert.True(row.SamplesCorrect < row.Samples, "no search found a wrong input on the undersized network");
    }
}
