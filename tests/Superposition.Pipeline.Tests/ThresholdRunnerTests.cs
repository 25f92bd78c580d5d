using System.Globalization;
using Superposition.Rows;
using Superposition.Specs;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Pipeline.Tests;

/// <summary>
/// Threshold sweeps through the real pipeline, on every input (so "exact" is certain, not sampled): each
/// search's threshold is a probe with no wrong input, the bracket's lower end one with some, the bracket
/// within the tolerance, and every probe the very row a hand-written plain spec with that value gives.
/// </summary>
public sealed class ThresholdRunnerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);

    // At m = 30, superposed-and's size is set by its blocks: block_factor 0.5 makes errors, 4 none.
    private static string Spec(string threshold) => $$"""
        { "name": "smallest", "seed": 5, "replicates": 2, "construction": "superposed-and",
          "problem": { "kind": "and", "graph": "random", "input_count": 30, "output_count": 300, "sparsity": 3 },
          "params": { "neuron_factor": 1.0 },
          "evaluation": { "inputs": "all", "batch_size": 500 }
          {{threshold}} }
        """;

    private const string Search = """, "threshold": { "parameter": "block_factor", "low": 0.5, "high": 4, "tolerance": 0.25 }""";

    private static SweepSpec Parse(string text) => SpecParser.Parse(text) switch
    {
        SpecParseResult.Parsed parsed => parsed.Spec,
        SpecParseResult.Invalid invalid => throw new Xunit.Sdk.XunitException(string.Join("\n", invalid.Errors)),
        _ => throw new InvalidOperationException(),
    };

    private static double BlockFactor(CaseRow row)
    {
        using var parameters = System.Text.Json.JsonDocument.Parse(row.ConstructionParams);
        return parameters.RootElement.GetProperty("block_factor").GetDouble();
    }

    [Fact]
    public async Task Each_search_ends_on_an_exact_probe_just_above_a_wrong_one()
    {
        var sink = new MemorySink();
        var thresholds = await ThresholdRunner.RunAsync(Parse(Spec(Search)), sink, TestCases.Options(2), null, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([0, 1], thresholds.Select(t => t.Replicate));
        Assert.Equal(thresholds.Sum(t => t.Probes), sink.Rows.Count);
        Assert.All(sink.Rows, row => Assert.Equal(("ok", 4060L, true), (row.Status, row.Samples, row.Exhaustive)));
        foreach (var search in thresholds)
        {
            var probes = sink.Rows.Where(r => r.Replicate == search.Replicate).ToList();
            Assert.Equal(search.Probes, probes.Count);
            Assert.Equal(("found", "block_factor", "all", 4060L), (search.Status, search.Parameter, search.Inputs, search.SamplesPerProbe));
            Assert.True(search.BracketHigh - search.BracketLow <= 0.25, $"bracket [{search.BracketLow}, {search.BracketHigh}]");

            var at = Assert.Single(probes, r => r.CaseId == search.ThresholdCaseId);
            Assert.Equal(search.Threshold, BlockFactor(at));
            Assert.Equal(search.BracketHigh, search.Threshold);
            Assert.Equal(at.Samples, at.SamplesCorrect);
            Assert.Equal((at.NeuronCount, at.ParameterCount), (search.NeuronCount, search.ParameterCount));

            var below = Assert.Single(probes, r => BlockFactor(r) == search.BracketLow);
            Assert.True(below.SamplesCorrect < below.Samples, $"block_factor {search.BracketLow} was exact on every input");
        }
    }

    [Fact]
    public async Task Every_probe_is_the_row_a_plain_spec_with_that_value_gives()
    {
        var sink = new MemorySink();
        await ThresholdRunner.RunAsync(Parse(Spec(Search)), sink, TestCases.Options(2), null, CancellationToken.None).WaitAsync(Timeout);

        foreach (var probe in sink.Rows.Where(r => r.Replicate == 1).Take(4))
        {
            var value = BlockFactor(probe).ToString("R", CultureInfo.InvariantCulture);
            var plainSpec = Parse(Spec("").Replace("\"neuron_factor\": 1.0", $"\"neuron_factor\": 1.0, \"block_factor\": {value}", StringComparison.Ordinal));
            var plain = new MemorySink();
            await SweepRunner.RunAsync(SweepExpansion.Expand(plainSpec), plain, TestCases.Options(2), null, CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal(TestCases.WithoutTiming(plain.Rows.Single(r => r.Replicate == 1)), TestCases.WithoutTiming(probe));
        }
    }
}
