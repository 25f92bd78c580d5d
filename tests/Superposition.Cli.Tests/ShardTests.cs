using Superposition.Cli.Tests.Support;
using Superposition.Datasets.Journals;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>`run --shard i/N`: the shards of a sweep together are the sweep, and DuckDB reads their part files with one glob.</summary>
[Collection("console")]
public class ShardTests
{
    [Fact]
    public async Task Run_three_shards_write_parts_whose_union_is_the_unsharded_dataset()
    {
        var (expected, expectedSamples) = await TestSpecs.ResumableReferenceAsync();
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "resumable", TestSpecs.Resumable);
        var output = directory["out"];
        var dataset = Path.Combine(output, "resumable");

        for (var shard = 0; shard < 3; shard++)
        {
            var result = await InProcess.InvokeAsync("run", spec, "--out", output, "--samples", "--shard", $"{shard}/3");
            Assert.True(result.Exit == 0, result.Error);
        }

        Assert.False(File.Exists(Path.Combine(dataset, "cases.parquet")));
        var parts = new List<Superposition.Rows.CaseRow>();
        var samples = new List<string>();
        for (var shard = 0; shard < 3; shard++)
        {
            Assert.True(File.Exists(Path.Combine(dataset, $"manifest-shard-{shard}-of-3.json")));
            var rows = await DatasetFiles.CasesAsync(Path.Combine(dataset, $"cases-shard-{shard}-of-3.parquet"));
            Assert.NotEmpty(rows);
            Assert.All(rows, row => Assert.Equal(shard, SweepExpansion.ShardOf(row.CaseId, row.Replicate, 3)));
            parts.AddRange(rows);
            samples.AddRange(await DatasetFiles.SamplesAsync(Path.Combine(dataset, $"samples-shard-{shard}-of-3.parquet")));
        }
        Assert.Equal(Ordered(expected), Ordered(parts));
        Assert.Equal(expectedSamples.Order(StringComparer.Ordinal), samples.Order(StringComparer.Ordinal));

        // What users run: one glob over the parts, which never picks up temporary files or the journal.
        await File.WriteAllTextAsync(Path.Combine(dataset, "cases-shard-7-of-9.parquet.tmp"), "not parquet: a write cut short");
        await File.WriteAllTextAsync(Path.Combine(dataset, "cases.parquet.tmp"), "not parquet either");
        var glob = Path.Combine(dataset, "cases*.parquet");
        Assert.Equal(expected.Count, DatasetFiles.DuckDbRows(glob));
        Assert.Equal(expected.Count, DatasetFiles.DuckDbCount($"SELECT count(DISTINCT (case_id, replicate)) FROM read_parquet('{glob}')"));
        Assert.Equal(expected.Count, DatasetFiles.DuckDbCount($"SELECT count(*) FROM read_parquet('{output}/*/cases*.parquet')"));
    }

    [Fact]
    public async Task Run_shard_killed_then_resumed_writes_the_same_part_as_an_uninterrupted_shard()
    {
        var (expected, _) = await TestSpecs.ResumableReferenceAsync();
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "resumable", TestSpecs.Resumable);
        var output = directory["out"];
        var dataset = Path.Combine(output, "resumable");
        using (var child = ChildCli.Start("run", spec, "--out", output, "--samples", "--shard", "1/3", "--parallelism", "1"))
        {
            await child.FirstProgressAsync(TimeSpan.FromMinutes(1));
            Assert.False(await child.KillAsync(), "the shard finished before it could be killed");
        }
        var journal = RunJournal.Inspect(dataset, "shard-1-of-3");
        Assert.NotNull(journal);
        Assert.True(journal.FinishedRuns > 0);
        Assert.Null(RunJournal.Inspect(dataset, part: null));

        var other = await InProcess.InvokeAsync("run", spec, "--out", output, "--shard", "2/3");
        var resumed = await InProcess.InvokeAsync("run", spec, "--out", output, "--samples", "--shard", "1/3", "--resume");

        Assert.True(other.Exit == 0, other.Error);
        Assert.True(resumed.Exit == 0, resumed.Error);
        Assert.Equal(
            expected.Where(row => SweepExpansion.ShardOf(row.CaseId, row.Replicate, 3) == 1),
            await DatasetFiles.CasesAsync(Path.Combine(dataset, "cases-shard-1-of-3.parquet")));
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("0/0")]
    [InlineData("-1/3")]
    [InlineData("1")]
    [InlineData("1/3/5")]
    [InlineData("one/three")]
    [InlineData(" 1/3")]
    [InlineData("99999999999/3")]
    public async Task Run_rejects_a_malformed_shard_with_exit_2_and_writes_nothing(string shard)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "resumable", TestSpecs.Resumable);

        var result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--shard", shard);

        Assert.Equal(2, result.Exit);
        Assert.Contains("--shard", result.Error, StringComparison.Ordinal);
        Assert.False(Path.Exists(directory["out"]));
    }

    /// <summary>Sweep order: rows of every shard sorted the way the unsharded run writes them would be sorted.</summary>
    private static List<Superposition.Rows.CaseRow> Ordered(IEnumerable<Superposition.Rows.CaseRow> rows) =>
        [.. rows.OrderBy(row => row.CaseId, StringComparer.Ordinal).ThenBy(row => row.Replicate)];
}
