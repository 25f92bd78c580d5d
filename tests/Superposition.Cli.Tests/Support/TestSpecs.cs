using Superposition.Rows;

namespace Superposition.Cli.Tests.Support;

/// <summary>Spec texts the end-to-end tests run, and the dataset of an uninterrupted run of the resumable one.</summary>
internal static class TestSpecs
{
    /// <summary>90 small runs (a few seconds with one worker): long enough to be killed at many points.</summary>
    public const string Resumable = """
        { "name": "resumable", "seed": 3, "replicates": 3,
          "problem": { "kind": "and", "graph": "random", "input_count": 300, "sparsity": 3 },
          "axes": [
            { "problem.output_count": [50, 100, 200, 400, 800] },
            { "construction": ["superposed-and", "dedicated", "representation"] },
            { "input_distribution": ["uniform", "with-true-pair"] }
          ],
          "evaluation": { "samples": 300, "batch_size": 100 } }
        """;

    /// <summary>The smallest problems (m = 2, m' = 1, s = 1, a complete graph) against every construction.</summary>
    public const string Edges = """
        { "name": "edges", "seed": 7, "replicates": 2,
          "axes": [
            { "problem.input_count": [2, 2, 10, 6], "problem.output_count": [1, 1, 1, 15], "problem.sparsity": [1, 2, 1, 2], "problem.graph": ["complete", "random", "random", "complete"] },
            { "construction": ["superposed-and", "dedicated", "representation", "random-and"] },
            { "input_distribution": ["uniform", "up-to"] }
          ],
          "evaluation": { "samples": 40, "batch_size": 16 } }
        """;

    /// <summary>
    /// Two cases that build: the steepest power law on all 190 pairs of m = 20 (whose draws place only about
    /// 17 of them, the rest topped up), then a random graph. Tests of a failing build make case 0 fail with
    /// <see cref="BuildFault"/>.
    /// </summary>
    public const string FailingFirst = """
        { "name": "failing", "seed": 1,
          "problem": { "kind": "and", "input_count": 20, "output_count": 190, "sparsity": 2, "power_law_exponent": 4 },
          "construction": "dedicated",
          "axes": [ { "problem.graph": ["power-law", "random"] } ],
          "evaluation": { "samples": 10, "batch_size": 5 } }
        """;

    /// <summary>Valid (two billion pair ends fit one array), but a billion pairs need about a hundred gigabytes.</summary>
    public const string Huge = """
        { "name": "huge", "seed": 1,
          "problem": { "kind": "and", "graph": "random", "input_count": 70000, "output_count": 1000000000, "sparsity": 2 },
          "construction": "dedicated",
          "evaluation": { "samples": 10, "batch_size": 5 } }
        """;

    private static readonly Lazy<Task<(List<CaseRow> Cases, List<string> Samples)>> ResumableReference = new(ComputeReferenceAsync);

    public static string Write(TemporaryDirectory directory, string name, string text)
    {
        var path = directory[name + ".json"];
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>What an uninterrupted `run --samples` of <see cref="Resumable"/> writes (timing aside); computed once per test run.</summary>
    public static Task<(List<CaseRow> Cases, List<string> Samples)> ResumableReferenceAsync() => ResumableReference.Value;

    /// <summary>How long the reference run of <see cref="Resumable"/> took (in process, 2 workers); zero before it ran.</summary>
    public static TimeSpan ResumableReferenceDuration { get; private set; }

    private static async Task<(List<CaseRow>, List<string>)> ComputeReferenceAsync()
    {
        using var directory = new TemporaryDirectory();
        var spec = Write(directory, "resumable", Resumable);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--samples", "--parallelism", "2");
        ResumableReferenceDuration = clock.Elapsed;
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"the reference run failed with {result.Exit}: {result.Error}");
        }
        var dataset = Path.Combine(directory["out"], "resumable");
        return (await DatasetFiles.CasesAsync(Path.Combine(dataset, "cases.parquet")), await DatasetFiles.SamplesAsync(Path.Combine(dataset, "samples.parquet")));
    }
}
