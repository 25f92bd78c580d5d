using System.Text.Json;
using Superposition.Datasets.Tests.Support;
using Xunit;

namespace Superposition.Datasets.Tests;

public sealed class ParquetDatasetSinkTests
{
    private const int Timeout = 60_000;

    [Fact(Timeout = Timeout)]
    public async Task WriteAsync_keeps_every_file_under_a_temporary_name_until_commit()
    {
        using var directory = new TemporaryDirectory();
        await using var sink = ParquetDatasetSink.Create(directory.Root, writeSamples: true);

        await sink.WriteAsync(ExampleRows.Ok, ExampleRows.SamplesOf(ExampleRows.Ok), CancellationToken.None);

        Assert.Equal(["samples.parquet.tmp"], directory.FileNames());
    }

    [Fact(Timeout = Timeout)]
    public async Task DisposeAsync_leaves_no_file_when_not_committed()
    {
        using var directory = new TemporaryDirectory();
        await using (var sink = ParquetDatasetSink.Create(directory.Root, writeSamples: true))
        {
            foreach (var row in ExampleRows.Cases)
            {
                await sink.WriteAsync(row, ExampleRows.SamplesOf(row), CancellationToken.None);
            }
        }

        Assert.Empty(directory.FileNames());
    }

    [Fact(Timeout = Timeout)]
    public async Task CommitAsync_leaves_no_file_when_cancelled()
    {
        using var directory = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        await using (var sink = ParquetDatasetSink.Create(directory.Root, writeSamples: true))
        {
            await sink.WriteAsync(ExampleRows.Ok, ExampleRows.SamplesOf(ExampleRows.Ok), CancellationToken.None);
            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.CommitAsync(ExampleRows.Manifest([ExampleRows.Ok]), cancellation.Token).AsTask());
        }

        Assert.Empty(directory.FileNames());
    }

    [Fact(Timeout = Timeout)]
    public async Task CommitAsync_replaces_an_earlier_dataset_only_at_commit()
    {
        using var directory = new TemporaryDirectory();
        var casesPath = directory.PathOf("cases.parquet");
        await Runs.CommitAsync(directory.Root, [ExampleRows.Ok], writeSamples: true);

        await using (var abandoned = ParquetDatasetSink.Create(directory.Root, writeSamples: true))
        {
            await abandoned.WriteAsync(ExampleRows.Failed, ExampleRows.SamplesOf(ExampleRows.Failed), CancellationToken.None);
            RowAssert.Equal([ExampleRows.Ok], await DatasetReader.ReadCasesAsync(casesPath));
        }
        RowAssert.Equal([ExampleRows.Ok], await DatasetReader.ReadCasesAsync(casesPath));
        Assert.Equal(["cases.parquet", "manifest.json", "samples.parquet"], directory.FileNames());

        await Runs.CommitAsync(directory.Root, [ExampleRows.Failed], writeSamples: true);

        RowAssert.Equal([ExampleRows.Failed], await DatasetReader.ReadCasesAsync(casesPath));
        RowAssert.Equal(ExampleRows.SamplesOf(ExampleRows.Failed), await DatasetReader.ReadSamplesAsync(directory.PathOf("samples.parquet")));
        Assert.Equal(["cases.parquet", "manifest.json", "samples.parquet"], directory.FileNames());
    }

    [Fact(Timeout = Timeout)]
    public async Task CommitAsync_removes_stale_samples_when_the_run_writes_none()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, [ExampleRows.Ok], writeSamples: true);

        await Runs.CommitAsync(directory.Root, [ExampleRows.Failed], writeSamples: false);

        Assert.Equal(["cases.parquet", "manifest.json"], directory.FileNames());
    }

    [Fact(Timeout = Timeout)]
    public async Task CommitAsync_writes_a_manifest_with_the_run_and_the_files_it_wrote()
    {
        using var directory = new TemporaryDirectory();
        var manifest = ExampleRows.Manifest(ExampleRows.Cases);
        await using (var sink = ParquetDatasetSink.Create(directory.Root, writeSamples: true))
        {
            foreach (var row in ExampleRows.Cases)
            {
                await sink.WriteAsync(row, ExampleRows.SamplesOf(row), CancellationToken.None);
            }
            await sink.CommitAsync(manifest, CancellationToken.None);
        }

        var text = await File.ReadAllTextAsync(directory.PathOf("manifest.json"));
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;

        Assert.Equal(DatasetSchema.Version, root.GetProperty("schema_version").GetString());
        Assert.Equal(manifest.Sweep, root.GetProperty("sweep").GetString());
        Assert.Equal(manifest.SpecText, root.GetProperty("spec_text").GetString());
        Assert.Equal(manifest.SpecHash, root.GetProperty("spec_hash").GetString());
        Assert.Equal(manifest.ToolVersion, root.GetProperty("tool_version").GetString());
        Assert.Equal(manifest.GitCommit, root.GetProperty("git_commit").GetString());
        Assert.Equal(manifest.StartedAt, root.GetProperty("started_at").GetDateTimeOffset());
        Assert.Equal(manifest.FinishedAt, root.GetProperty("finished_at").GetDateTimeOffset());
        Assert.Equal(
            [("cases.parquet", "cases", 3L), ("samples.parquet", "samples", 9L)],
            root.GetProperty("files").EnumerateArray().Select(file => (file.GetProperty("name").GetString(), file.GetProperty("table").GetString(), file.GetProperty("rows").GetInt64())));
        var cases = root.GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(ExampleRows.Cases.Select(row => row.CaseId), cases.Select(entry => entry.GetProperty("case_id").GetString()));
        Assert.Equal(JsonValueKind.Null, cases[0].GetProperty("error").ValueKind);
        Assert.Equal(ExampleRows.Failed.Error, cases[1].GetProperty("error").GetString());
        Assert.Equal("failed", cases[1].GetProperty("status").GetString());
        Assert.Equal(ExampleRows.Failed.Replicate, cases[1].GetProperty("replicate").GetInt32());
        Assert.Contains("  \"sweep\": \"quickstart\"", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task WriteAsync_rejects_samples_of_another_case()
    {
        using var directory = new TemporaryDirectory();
        await using var sink = ParquetDatasetSink.Create(directory.Root, writeSamples: true);

        await Assert.ThrowsAsync<ArgumentException>(() => sink.WriteAsync(ExampleRows.Ok, ExampleRows.SamplesOf(ExampleRows.Failed), CancellationToken.None).AsTask());
    }

    [Fact(Timeout = Timeout)]
    public async Task WriteAsync_ignores_samples_when_samples_are_off()
    {
        using var directory = new TemporaryDirectory();

        await Runs.CommitAsync(directory.Root, [new CaseWithSamples(ExampleRows.Ok, ExampleRows.SamplesOf(ExampleRows.Ok))], writeSamples: false);

        Assert.Equal(["cases.parquet", "manifest.json"], directory.FileNames());
    }

    [Fact(Timeout = Timeout)]
    public async Task WriteAsync_fails_after_commit()
    {
        using var directory = new TemporaryDirectory();
        await using var sink = ParquetDatasetSink.Create(directory.Root, writeSamples: false);
        await sink.CommitAsync(ExampleRows.Manifest([]), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sink.WriteAsync(ExampleRows.Ok, [], CancellationToken.None).AsTask());
    }

    [Fact(Timeout = Timeout)]
    public async Task DisposeAsync_keeps_a_committed_dataset()
    {
        using var directory = new TemporaryDirectory();

        await Runs.CommitAsync(Path.Combine(directory.Root, "quickstart"), ExampleRows.Cases, writeSamples: true);

        Assert.Equal(["cases.parquet", "manifest.json", "samples.parquet"], directory.FileNames("quickstart"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a b")]
    public void Create_rejects_a_part_that_is_not_a_plain_name(string part)
    {
        using var directory = new TemporaryDirectory();

        Assert.Throws<ArgumentException>(() => ParquetDatasetSink.Create(directory.Root, writeSamples: false, part));
    }
}
