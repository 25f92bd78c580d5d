using Superposition.Cli.Tests.Support;
using Superposition.Specs;
using Superposition.Sweeps;
using Xunit;
using Xunit.Abstractions;

namespace Superposition.Cli.Tests;

/// <summary>
/// The memory estimate that `plan` prints and `run` checks, against the peak resident memory of a real
/// `run` (a child process, <see cref="PeakMemory"/>) on shapes where the network, or with --samples the
/// kept samples, dominate. The estimate counts the big arrays only, so the peak may exceed it by what
/// any run needs: the runtime, the loaded code and the garbage collector's slack, measured as the
/// peak of a run of a tiny spec, plus <see cref="Margin"/>. And the estimate must not be absurdly loose:
/// at most four times what the run used above that baseline, plus the margin. Either way the test fails.
/// </summary>
[Collection("console")]
public class PeakMemoryTests(ITestOutputHelper output)
{
    private const long Margin = 64L << 20;

    private const int Workers = 2;

    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<long> Baseline = new(MeasureBaseline);

    public static TheoryData<string, string, bool> Shapes => new()
    {
        // Superposed inputs (n_0 ≈ 9,200 and 23,300 neurons for m = 10^5 inputs), superposed outputs.
        { "superposed-and-20k", """ "construction": "superposed-and", "problem": { "kind": "and", "graph": "random", "input_count": 100000, "output_count": 20000, "sparsity": 3 }, "evaluation": { "samples": 1000, "batch_size": 250 } """, false },
        { "superposed-and-100k", """ "construction": "superposed-and", "problem": { "kind": "and", "graph": "random", "input_count": 100000, "output_count": 100000, "sparsity": 3 }, "evaluation": { "samples": 1000, "batch_size": 250 } """, false },
        // The baseline with one neuron per pair: half a million pairs.
        { "dedicated-500k", """ "construction": "dedicated", "problem": { "kind": "and", "graph": "random", "input_count": 10000, "output_count": 500000, "sparsity": 3 }, "evaluation": { "samples": 1000, "batch_size": 250 } """, false },
        // A small network and 200,000 samples kept for samples.parquet, with 3 active inputs each.
        { "samples-kept", """ "construction": "dedicated", "problem": { "kind": "and", "graph": "random", "input_count": 1000, "output_count": 1000, "sparsity": 3 }, "evaluation": { "samples": 200000, "batch_size": 1000 } """, true },
        // Kept samples with 32 active inputs each, whose copies of the active inputs dominate.
        { "samples-kept-s32", """ "construction": "dedicated", "problem": { "kind": "and", "graph": "random", "input_count": 1000, "output_count": 1000, "sparsity": 32 }, "evaluation": { "samples": 50000, "batch_size": 1000 } """, true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Peak_memory_of_run_stays_within_the_estimate_and_the_estimate_is_not_loose(string name, string fields, bool keepSamples)
    {
        using var directory = new TemporaryDirectory();
        var text = $$"""{ "name": "{{name}}", "seed": 1, {{fields}} }""";
        var spec = TestSpecs.Write(directory, name, text);
        var runs = SweepExpansion.Expand(Assert.IsType<SpecParseResult.Parsed>(SpecParser.Parse(text)).Spec);
        var estimate = MemoryTally.Of(runs, Workers, keepSamples).PeakBytes;
        var baseline = Baseline.Value;

        var run = PeakMemory.Run(directory, ChildTimeout, ["run", spec, "--out", directory["out"], "--parallelism", $"{Workers}", .. keepSamples ? ["--samples"] : Array.Empty<string>()]);

        Assert.True(run.ExitCode == 0, run.Output);
        var used = run.PeakBytes - baseline;
        var context = $"{name}: peak {MiB(run.PeakBytes)}, baseline {MiB(baseline)}, so {MiB(used)} used by the run; estimate {MiB(estimate)}";
        output.WriteLine(context);
        Assert.True(run.PeakBytes <= baseline + estimate + Margin, $"{context}: the peak exceeds baseline + estimate + {MiB(Margin)}");
        Assert.True(estimate <= (4 * used) + Margin, $"{context}: the estimate is more than 4 × the memory used + {MiB(Margin)}");
    }

    /// <summary>The peak of `run --samples` on a tiny spec: the runtime, the code a run loads and the collector's slack.</summary>
    private static long MeasureBaseline()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "tiny", """
            { "name": "tiny", "seed": 1, "construction": "dedicated", "problem": { "kind": "and", "graph": "random", "input_count": 10, "output_count": 5, "sparsity": 2 },
              "evaluation": { "samples": 10, "batch_size": 5 } }
            """);
        var run = PeakMemory.Run(directory, ChildTimeout, "run", spec, "--out", directory["out"], "--parallelism", $"{Workers}", "--samples");
        Assert.True(run.ExitCode == 0, run.Output);
        return run.PeakBytes;
    }

    private static string MiB(long bytes) => $"{bytes / (double)(1 << 20):F1} MiB";
}
