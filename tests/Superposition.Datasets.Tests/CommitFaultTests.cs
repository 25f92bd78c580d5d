using Superposition.Datasets.Tests.Support;
using Superposition.Rows;
using Xunit;

namespace Superposition.Datasets.Tests;

/// <summary>
/// A commit cut between any two of its steps (a fault injected at the step, standing in for a kill or a
/// full disk) over an earlier dataset: a reader that follows the rule of docs/dataset-schema.md sees the
/// old dataset, the new one, or none (in flight), never cases of one commit beside samples of another;
/// the raw files present always share one generation; no temporary file is left after the fault.
/// </summary>
public sealed class CommitFaultTests
{
    private static readonly string[] Steps = ["write-cases", "write-samples", "write-manifest", "delete-manifest", "delete-samples", "publish-cases", "publish-samples", "publish-manifest"];

    public static TheoryData<string> StepNames => [.. Steps];

    [Theory]
    [MemberData(nameof(StepNames))]
    public async Task A_commit_faulted_at_a_step_leaves_the_old_dataset_or_none_never_a_mix(string step)
    {
        using var directory = new TemporaryDirectory();
        CaseRow[] oldRows = [ExampleRows.Ok with { CaseId = "old" }];
        CaseRow[] newRows = [ExampleRows.Ok with { CaseId = "new-a" }, ExampleRows.Ok with { CaseId = "new-b" }];
        await Runs.CommitAsync(directory.Root, oldRows, writeSamples: true).WaitAsync(Runs.Timeout);
        var old = await DatasetReader.ReadDatasetAsync(directory.Root);

        var generation = new string[1];
        var error = await Assert.ThrowsAsync<IOException>(() => CommitAsync(directory.Root, newRows, failAt: step, generation).WaitAsync(Runs.Timeout));

        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(directory.FileNames(), name => name.EndsWith(".tmp", StringComparison.Ordinal));
        await AssertOneGenerationAsync(directory.Root, [old.Generation, generation[0]]);
        var stepIndex = Array.IndexOf(Steps, step);
        if (stepIndex <= Array.IndexOf(Steps, "delete-manifest"))
        {
            var seen = await DatasetReader.ReadDatasetAsync(directory.Root);
            Assert.Equal(old.Generation, seen.Generation);
            Assert.Equal(["old"], seen.Cases.Select(row => row.CaseId));
            Assert.All(seen.Samples, sample => Assert.Equal("old", sample.CaseId));
        }
        else
        {
            var incomplete = await Assert.ThrowsAsync<InvalidDataException>(() => DatasetReader.ReadDatasetAsync(directory.Root));
            Assert.Contains("no manifest.json", incomplete.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(StepNames))]
    public async Task A_commit_killed_at_a_step_leaves_files_of_one_generation_and_the_next_commit_cleans_up(string step)
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, [ExampleRows.Ok with { CaseId = "old" }], writeSamples: true).WaitAsync(Runs.Timeout);
        var old = await DatasetReader.ReadDatasetAsync(directory.Root);

        // A kill: the sink is never disposed, so its temporary files stay where they are.
        var abandoned = ParquetDatasetSink.Create(directory.Root, writeSamples: true);
        var generation = abandoned.Generation;
        abandoned.StepHook = name =>
        {
            if (name == step)
            {
                throw new OperationCanceledException("killed");
            }
        };
        var row = ExampleRows.Ok with { CaseId = "new" };
        await abandoned.WriteAsync(row, ExampleRows.SamplesOf(row), CancellationToken.None);
        await Assert.ThrowsAsync<OperationCanceledException>(() => abandoned.CommitAsync(ExampleRows.Manifest([row]), CancellationToken.None).AsTask());

        await AssertOneGenerationAsync(directory.Root, [old.Generation, generation]);
        try
        {
            var seen = await DatasetReader.ReadDatasetAsync(directory.Root);
            Assert.Equal(old.Generation, seen.Generation);
        }
        catch (InvalidDataException)
        {
            // none while in flight: allowed
        }

        await Runs.CommitAsync(directory.Root, [row], writeSamples: true).WaitAsync(Runs.Timeout);
        Assert.Equal(["cases.parquet", "manifest.json", "samples.parquet"], directory.FileNames());
        Assert.Equal(["new"], (await DatasetReader.ReadDatasetAsync(directory.Root)).Cases.Select(r => r.CaseId));
    }

    [Fact]
    public async Task A_reader_refuses_cases_and_samples_of_two_commits_beside_one_manifest()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.PathOf("first"), [ExampleRows.Ok with { CaseId = "first" }], writeSamples: true);
        await Runs.CommitAsync(directory.PathOf("second"), [ExampleRows.Ok with { CaseId = "second" }], writeSamples: true);
        File.Copy(directory.PathOf("second/samples.parquet"), directory.PathOf("first/samples.parquet"), overwrite: true);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DatasetReader.ReadDatasetAsync(directory.PathOf("first")));

        Assert.Contains("files of two commits", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The cases and samples files present carry one generation between them, one of <paramref name="allowed"/>.</summary>
    private static async Task AssertOneGenerationAsync(string directory, string[] allowed)
    {
        var generations = new List<string>();
        foreach (var name in new[] { "cases.parquet", "samples.parquet" })
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                await using var reader = await Parquet.ParquetReader.CreateAsync(path);
                generations.Add(reader.CustomMetadata[DatasetSchema.GenerationKey]);
            }
        }
        Assert.True(generations.Distinct().Count() <= 1, $"cases and samples of different commits: {string.Join(", ", generations)}");
        Assert.All(generations, generation => Assert.Contains(generation, allowed));
    }

    private static async Task CommitAsync(string directory, CaseRow[] rows, string failAt, string[] generation)
    {
        await using var sink = ParquetDatasetSink.Create(directory, writeSamples: true);
        generation[0] = sink.Generation;
        sink.StepHook = name =>
        {
            if (name == failAt)
            {
                throw new IOException("No space left on device");
            }
        };
        foreach (var row in rows)
        {
            await sink.WriteAsync(row, ExampleRows.SamplesOf(row), CancellationToken.None);
        }
        await sink.CommitAsync(ExampleRows.Manifest(rows), CancellationToken.None);
    }
}
