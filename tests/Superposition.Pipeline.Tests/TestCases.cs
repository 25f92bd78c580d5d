using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Inputs;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Rows;
using Superposition.Sweeps;

namespace Superposition.Pipeline.Tests;

/// <summary>Small hand-made cases and an in-memory sink for pipeline tests.</summary>
internal static class TestCases
{
    public static RowMapping.RunInfo Run { get; } = new("test", "spec-hash");

    public static RunOptions Options(int parallelism, bool keepSamples = false, bool stopOnFirstError = false) =>
        new(parallelism, keepSamples, stopOnFirstError, Run);

    public static RunCase Make(int index, string construction, int outputs, string distribution = "uniform", int samples = 300, int batchSize = 64, int replicate = 0, IDictionary<string, object>? parameters = null)
    {
        var problem = new ProblemSpec(ProblemKind.And, "random", Math.Max(outputs, 40), outputs, 3);
        var root = new Seed(99);
        var raw = parameters is null ? ImmutableSortedDictionary<string, object>.Empty : parameters.ToImmutableSortedDictionary();
        var request = ConstructionRegistry.Find(construction)!.Resolve(raw, "params").Request!;
        return new RunCase(
            "test", index, new CaseId($"case{index}"), replicate, problem, request,
            InputDistributionRegistry.Find(distribution)!, samples, batchSize,
            root.Derive("problem", outputs + replicate), root.Derive("construction", index), root.Derive("samples", index));
    }

    public static IReadOnlyList<RunCase> Mixed() =>
    [
        Make(0, "superposed-and", 300),
        Make(1, "dedicated", 300, "with-true-pair"),
        Make(2, "representation", 300, "with-true-pair"),
        Make(3, "superposed-and", 1000, "hubs", samples: 500),
        Make(4, "random-and", 200, "up-to", parameters: new Dictionary<string, object> { ["neurons"] = 300.0 }),
        Make(5, "superposed-and", 500, "with-true-pair", samples: 1),
    ];

    /// <summary>Timing columns are measurements; everything else must be reproducible.</summary>
    public static CaseRow WithoutTiming(CaseRow row) => row with { BuildSeconds = 0, EvalSeconds = 0, SamplesPerSecond = 0, TrainingSeconds = row.TrainingSeconds is null ? null : 0 };
}

/// <summary>Collects rows in memory; can be told to fail on a given row.</summary>
internal sealed class MemorySink(int failOnRow = -1) : IDatasetSink
{
    public List<CaseRow> Rows { get; } = [];

    public List<SampleRow> Samples { get; } = [];

    public RunManifest? Manifest { get; private set; }

    public ValueTask WriteAsync(CaseRow row, IReadOnlyList<SampleRow> samples, CancellationToken cancellationToken)
    {
        if (Rows.Count == failOnRow)
        {
            throw new IOException("disk full (test)");
        }
        Rows.Add(row);
        Samples.AddRange(samples);
        return ValueTask.CompletedTask;
    }

    public ValueTask CommitAsync(RunManifest manifest, CancellationToken cancellationToken)
    {
        Manifest = manifest;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
