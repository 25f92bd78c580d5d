using Superposition.Problems;
using Superposition.Statistics;
using Xunit;

namespace Superposition.Pipeline.Tests;

/// <summary>
/// The error-analysis columns of a run's rows against a recount from the same run's samples rows: the
/// input classes from each sample's true output count, the shared-input split from the pair set of
/// the regenerated problem, the mean and standard error of the false outputs by a two-pass sum.
/// </summary>
public sealed class ErrorAnalysisTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Error_analysis_columns_equal_a_recount_from_the_samples()
    {
        // Undersized superposed-and and random-and make errors of both kinds; dedicated makes none.
        var cases = new[]
        {
            TestCases.Make(0, "superposed-and", 400, "up-to", samples: 700, parameters: new Dictionary<string, object> { ["neuron_factor"] = 0.6 }),
            TestCases.Make(1, "random-and", 200, "with-true-pair", samples: 500, parameters: new Dictionary<string, object> { ["neurons"] = 60.0 }),
            TestCases.Make(2, "superposed-and", 300, "hubs", samples: 300, parameters: new Dictionary<string, object> { ["neuron_factor"] = 0.8 }),
            TestCases.Make(3, "dedicated", 300, "uniform", samples: 200),
        };
        var sink = new MemorySink();
        await SweepRunner.RunAsync(cases, sink, TestCases.Options(2, keepSamples: true), null, CancellationToken.None).WaitAsync(Timeout);

        Assert.Contains(sink.Rows, r => r.FalsePositivesSharingInput > 0);
        Assert.Contains(sink.Rows, r => r.FalsePositives > r.FalsePositivesSharingInput);
        foreach (var (runCase, row) in cases.Zip(sink.Rows))
        {
            var pairs = ((AndProblem)ProblemGeneration.Generate(runCase.Problem, runCase.ProblemSeed)).Pairs;
            var samples = sink.Samples.Where(s => s.CaseId == row.CaseId).ToList();
            Assert.Equal(row.Samples, samples.Count);
            long[] expected = [.. Enumerable.Range(0, 4).Select(b => (long)samples.Count(s => Math.Min(s.TrueOutputCount, 3) == b))];
            long[] expectedWrong = [.. Enumerable.Range(0, 4).Select(b => (long)samples.Count(s => Math.Min(s.TrueOutputCount, 3) == b && !s.Correct))];
            Assert.Equal<long>(expected, new[] { row.SamplesNoTrueOutput, row.SamplesOneTrueOutput, row.SamplesTwoTrueOutputs, row.SamplesThreeOrMoreTrueOutputs });
            Assert.Equal<long>(expectedWrong, new[] { row.WrongNoTrueOutput, row.WrongOneTrueOutput, row.WrongTwoTrueOutputs, row.WrongThreeOrMoreTrueOutputs });
            var sharing = samples.Sum(s => s.FalsePositiveOutputs.Count(o => s.ActiveInputs.Contains(pairs.First[o]) || s.ActiveInputs.Contains(pairs.Second[o])));
            Assert.Equal(sharing, row.FalsePositivesSharingInput);

            var counts = samples.Select(s => (double)(s.FalsePositiveOutputs.Length + s.FalseNegativeOutputs.Length)).ToArray();
            var mean = counts.Average();
            var standardError = Math.Sqrt(counts.Sum(x => (x - mean) * (x - mean)) / (counts.Length - 1) / counts.Length);
            Assert.Equal(mean, row.FalseOutputsPerSample, 12);
            Assert.True(Math.Abs(standardError - row.FalseOutputsPerSampleStderr) <= 1e-12 * Math.Max(1, standardError), $"{row.CaseId}: two-pass {standardError:R}, row {row.FalseOutputsPerSampleStderr:R}");
            Assert.Equal(counts.Sum(x => x * x), row.FalseOutputSquares);

            var wrong = samples.Count(s => !s.Correct);
            var (lower, upper) = ProportionIntervals.Wilson(wrong, samples.Count, 0.05);
            Assert.Equal(lower, row.SampleErrorRateWilsonLower95);
            Assert.Equal(upper, row.SampleErrorRateWilsonUpper95);
            Assert.Equal(ProportionIntervals.ClopperPearsonLower(wrong, samples.Count, 0.05), row.SampleErrorRateLower95);
            Assert.InRange(row.SampleErrorRate, row.SampleErrorRateWilsonLower95, row.SampleErrorRateWilsonUpper95);
        }
    }
}
