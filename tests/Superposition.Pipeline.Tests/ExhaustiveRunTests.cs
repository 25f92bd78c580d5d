using System.Collections.Immutable;
using System.Text.Json;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Sweeps;
using Superposition.Testing;
using Xunit;

namespace Superposition.Pipeline.Tests;

/// <summary>
/// Exhaustive runs through the real pipeline against a naive loop over every subset, each evaluated by
/// the dense reference evaluator (no reverse index, no kernel): the counts, the worst input and the
/// wrong inputs must be exactly what the loop finds.
/// </summary>
public sealed class ExhaustiveRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Undersized networks that make errors (at small m superposed-and's size is set by its blocks, so
    /// block_factor 0.5 undersizes it where neuron_factor alone does not) and one that makes none.
    /// </summary>
    public static TheoryData<string, string, string> Networks => new()
    {
        { "superposed-and", "neuron_factor=1;block_factor=0.5", UniformInputs.DistributionName },
        { "superposed-and", "neuron_factor=1;block_factor=0.5", UpToInputs.DistributionName },
        { "random-and", "neurons=40", UniformInputs.DistributionName },
        { "dedicated", "neuron_factor=2.5", UpToInputs.DistributionName },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task An_exhaustive_run_counts_what_a_naive_loop_with_the_dense_reference_counts(string construction, string parameters, string distribution)
    {
        var runCase = Exhaustive(construction, parameters, distribution, inputCount: 22, outputCount: 120, sparsity: 3, batchSize: 97);
        var sink = new MemorySink();

        await SweepRunner.RunAsync([runCase], sink, TestCases.Options(2), null, CancellationToken.None).WaitAsync(Timeout);

        var row = Assert.Single(sink.Rows);
        var naive = Naive(NetworkBuilder.Build(runCase), distribution == UpToInputs.DistributionName);
        Assert.Equal("ok", row.Status);
        Assert.True(row.Exhaustive);
        Assert.Equal(construction != "dedicated", naive.Wrong.Count > 0);
        Assert.Equal(naive.Inputs, row.Samples);
        Assert.Equal(naive.Inputs - naive.Wrong.Count, row.SamplesCorrect);
        Assert.Equal(naive.FalsePositives, row.FalsePositives);
        Assert.Equal(naive.FalseNegatives, row.FalseNegatives);
        Assert.Equal(naive.MaxFalseMargin, row.MaxFalseMargin);
        Assert.Equal(naive.WorstIndex, row.WorstInputIndex);
        Assert.Equal(naive.WorstInput, JsonSerializer.Deserialize<int[]>(row.WorstInput));
        var listed = JsonSerializer.Deserialize<int[][]>(row.WrongInputs)!;
        Assert.Equal(naive.Wrong.Take(100).Select(w => string.Join(",", w)), listed.Select(w => string.Join(",", w)));
    }

    [Fact]
    public async Task An_undersized_network_lists_its_wrong_inputs_and_the_sampled_rate_agrees_within_its_interval()
    {
        var exhaustive = Exhaustive("superposed-and", "neuron_factor=1;block_factor=0.5", UniformInputs.DistributionName, inputCount: 30, outputCount: 300, sparsity: 3, batchSize: 500);
        var sampled = exhaustive with { Exhaustive = false, Samples = 3000 };
        var sink = new MemorySink();

        await SweepRunner.RunAsync([exhaustive, sampled], sink, TestCases.Options(2), null, CancellationToken.None).WaitAsync(Timeout);

        var (all, drawn) = (sink.Rows[0], sink.Rows[1]);
        Assert.Equal(4060, all.Samples);
        var wrong = all.Samples - all.SamplesCorrect;
        Assert.True(wrong > 0, "the undersized network made no error on any input");
        Assert.Equal((int)Math.Min(wrong, 100), JsonSerializer.Deserialize<int[][]>(all.WrongInputs)!.Length);
        Assert.Equal(3, JsonSerializer.Deserialize<int[]>(all.WorstInput)!.Length);
        Assert.False(drawn.Exhaustive);
        // The exact rate lies in the sampled run's 99.9% Clopper–Pearson interval (a failure here has chance 1e-3).
        var lower = Superposition.Statistics.ProportionIntervals.ClopperPearsonLower(drawn.Samples - drawn.SamplesCorrect, drawn.Samples, 0.001);
        var upper = Superposition.Statistics.ProportionIntervals.ClopperPearsonUpper(drawn.Samples - drawn.SamplesCorrect, drawn.Samples, 0.001);
        Assert.InRange(all.SampleErrorRate, lower, upper);
    }

    private static RunCase Exhaustive(string construction, string parameters, string distribution, int inputCount, int outputCount, int sparsity, int batchSize)
    {
        var problem = new ProblemSpec(ProblemKind.And, "random", inputCount, outputCount, sparsity);
        var values = parameters.Split(';').Select(p => p.Split('=')).ToImmutableSortedDictionary(p => p[0], p => (object)double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        var request = ConstructionRegistry.Find(construction)!.Resolve(values, "params").Request!;
        var upTo = distribution == UpToInputs.DistributionName;
        var root = new Seed(1414);
        return new RunCase(
            "exhaustive", 0, new CaseId($"{construction}-{parameters}-{distribution}"), 0, problem, request,
            InputDistributionRegistry.Find(distribution)!, (int)InputEnumeration.Count(inputCount, sparsity, upTo), batchSize,
            root.Derive("problem"), root.Derive("construction"), root.Derive("samples"), Exhaustive: true);
    }

    private sealed record NaiveCounts(long Inputs, long FalsePositives, long FalseNegatives, double MaxFalseMargin, long WorstIndex, int[] WorstInput, List<int[]> Wrong);

    /// <summary>Every subset by size, then by nested loops with the largest element outermost; outputs and margins from the dense evaluator.</summary>
    private static NaiveCounts Naive(Network network, bool upTo)
    {
        var problem = network.Problem;
        var dense = new DenseEvaluator(network);
        var m = problem.InputCount;
        var subsets = new List<int[]>();
        for (var size = upTo ? 0 : problem.Sparsity; size <= problem.Sparsity; size++)
        {
            subsets.AddRange(NaiveSubsets.Colex(m, size));
        }
        long falsePositives = 0, falseNegatives = 0, worstIndex = -1;
        var maxFalse = double.NegativeInfinity;
        int[] worstInput = [];
        var wrong = new List<int[]>();
        var truthBuffer = new int[Math.Max(1, problem.MaxTrueOutputs)];
        for (var index = 0; index < subsets.Count; index++)
        {
            var input = subsets[index];
            var truth = truthBuffer[..problem.TrueOutputs(input, truthBuffer)].ToHashSet();
            var decoded = dense.Decode(input).ToHashSet();
            var margins = dense.Margins(input);
            var falseMargin = Enumerable.Range(0, margins.Length).Where(o => !truth.Contains(o)).Select(o => margins[o]).DefaultIfEmpty(double.NegativeInfinity).Max();
            var fp = decoded.Count(o => !truth.Contains(o));
            var fn = truth.Count(o => !decoded.Contains(o));
            falsePositives += fp;
            falseNegatives += fn;
            if (fp + fn > 0)
            {
                wrong.Add(input);
            }
            if (worstIndex < 0 || falseMargin > maxFalse)
            {
                (maxFalse, worstIndex, worstInput) = (falseMargin, index, input);
            }
        }
        return new NaiveCounts(subsets.Count, falsePositives, falseNegatives, maxFalse, worstIndex, worstInput, wrong);
    }
}
