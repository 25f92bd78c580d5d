using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Benchmarks;

/// <summary>
/// The factored evaluator on one batch of 500 with-true-pair inputs, single-threaded, for the two
/// m' = 10^5 shapes of the performance targets (docs/performance.md): superposed inputs (m = 10^5) and explicit inputs (m = 10^4). Per-sample
/// time is the reported mean divided by 500; sampling, and evaluation with scoring, are measured beside it.
/// </summary>
[MemoryDiagnoser]
public class EvaluatorBenchmarks
{
    private const int BatchSize = 500;
    private Network _network = null!;
    private SampleBatch _batch = null!;
    private EvaluationScratch _scratch = null!;

    [Params(100_000, 10_000)]
    public int InputCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var problem = new ProblemSpec(ProblemKind.And, "random", InputCount, 100_000, 3);
        _network = NetworkBuilder.Build(problem, "superposed-and", ImmutableDictionary<string, object>.Empty, new Seed(1), new Seed(2));
        _batch = InputSamplers.Batch(_network.Problem, InputDistributions.WithTruePair, 0, BatchSize, new Seed(3));
        _scratch = new EvaluationScratch(_network);
    }

    [Benchmark]
    public BatchOutcome Evaluate() => FactoredEvaluator.Evaluate(_network, _batch, _scratch);

    [Benchmark]
    public SampleBatch Sample() => InputSamplers.Batch(_network.Problem, InputDistributions.WithTruePair, 0, BatchSize, new Seed(4));

    [Benchmark]
    public long EvaluateAndScore() => Scoring.Score(_network.Problem, _batch, FactoredEvaluator.Evaluate(_network, _batch, _scratch), keepSamples: false).Statistics.WrongSamples;
}
