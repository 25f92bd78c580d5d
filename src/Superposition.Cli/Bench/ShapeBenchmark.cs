using System.Collections.Immutable;
using System.Diagnostics;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Statistics;

namespace Superposition.Cli.Bench;

/// <summary>
/// Measures one shape end to end: build (timed), then sampling, encoding, forward pass, decoding and
/// scoring of every batch — the pipeline's own work per sample — spread over all cores with one
/// scratch per worker. A warm-up pass runs first so tiered JIT does not distort the figure. W's bitmaps,
/// where the network has them, are made by the build; their share of it is reported as well.
/// </summary>
internal static class ShapeBenchmark
{
    private const int BatchSize = 500;

    public static BenchResult Measure(BenchShape shape, int workers, ForwardKernel kernel)
    {
        var clock = Stopwatch.StartNew();
        var problem = new ProblemSpec(ProblemKind.And, "random", shape.InputCount, shape.OutputCount, shape.Sparsity);
        var network = NetworkBuilder.Build(problem, "superposed-and", ImmutableDictionary<string, object>.Empty, new Seed(1), new Seed(2));
        var buildSeconds = clock.Elapsed.TotalSeconds;

        // Warm-up on throw-away scratches, so the measured ones count only the measured samples. A tenth
        // of the measured count is plenty for the JIT and keeps the 10^7 shape's wall time for its 1,000 samples.
        Run(network, shape, NewScratches(network, workers, kernel), Math.Min(shape.Samples / 10, 2 * BatchSize * workers), new Seed(3));
        var scratches = NewScratches(network, workers, kernel);

        clock.Restart();
        var statistics = Run(network, shape, scratches, shape.Samples, new Seed(4));
        var seconds = clock.Elapsed.TotalSeconds;
        var touched = scratches.Sum(s => s.TouchedEntries);
        var scatterRate = ScatterRate.Measure(network.OutputNeuronCount);
        return new BenchResult(
            shape.Name,
            network.InputEncoding.ToString().ToLowerInvariant(),
            network.Resources.NeuronCount,
            network.Resources.WeightCount,
            buildSeconds,
            PeakMemoryGigabytes(),
            statistics.Samples,
            workers,
            statistics.Samples / seconds,
            (double)touched / statistics.Samples,
            touched / seconds,
            scatterRate,
            statistics.WrongSamples,
            kernel.ToString().ToLowerInvariant(),
            (double)scratches.Sum(s => s.BatchedSamples) / statistics.Samples,
            (double)scratches.Sum(s => s.BitmapSamples) / statistics.Samples,
            FactoredEvaluator.BitmapSeconds(network));
    }

    private static EvaluationScratch[] NewScratches(Network network, int workers, ForwardKernel kernel) =>
        [.. Enumerable.Range(0, workers).Select(_ => new EvaluationScratch(network) { Kernel = kernel })];

    /// <summary>Evaluates <paramref name="samples"/> inputs in batches; worker w takes batches w, w + workers, …</summary>
    private static ErrorStatistics Run(Network network, BenchShape shape, EvaluationScratch[] scratches, int samples, Seed seed)
    {
        var batches = (samples + BatchSize - 1) / BatchSize;
        var partial = new ErrorStatistics[scratches.Length];
        Parallel.For(0, scratches.Length, new ParallelOptions { MaxDegreeOfParallelism = scratches.Length }, worker =>
        {
            var total = ErrorStatistics.Empty;
            for (var b = worker; b < batches; b += scratches.Length)
            {
                var count = Math.Min(BatchSize, samples - (b * BatchSize));
                var batch = InputSamplers.Batch(network.Problem, shape.Distribution, b * BatchSize, count, seed.Derive(b));
                var outcome = NetworkEvaluator.Evaluate(network, batch, scratches[worker]);
                total = total.Combine(Scoring.Score(network.Problem, batch, outcome, keepSamples: false).Statistics);
            }
            partial[worker] = total;
        });
        return partial.Aggregate(ErrorStatistics.Empty, (a, b) => a.Combine(b));
    }

    /// <summary>The process's peak resident memory (VmHWM on Linux), which includes the runtime itself.</summary>
    private static double PeakMemoryGigabytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kilobytes))
            {
                return kilobytes / 1024.0 / 1024.0;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1e9;
    }
}
