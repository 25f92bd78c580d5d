using FsCheck.Xunit;
using Superposition.Datasets.Journals;
using Superposition.Datasets.Tests.Support;
using Superposition.Rows;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Datasets.Tests;

public sealed class RunJournalTests
{
    private static readonly JournalHeader Header = new("quickstart", "9f2c", null, true, "1.0.0", DateTimeOffset.UnixEpoch, 3);

    [Property(Arbitrary = [typeof(RowArbitraries)], MaxTest = 30)]
    public async Task CommitAsync_writes_in_plan_order_exactly_what_the_parquet_sink_writes_directly(CaseWithSamples[] generated)
    {
        var writes = WithDistinctKeys(generated);
        using var directory = new TemporaryDirectory();
        var plan = writes.Select(write => new RunKey(new CaseId(write.Case.CaseId), write.Case.Replicate)).ToList();
        await using (var journal = RunJournal.Open(directory.PathOf("journaled"), Header, plan, keepFinished: false))
        {
            foreach (var write in writes.Reverse())
            {
                await journal.WriteAsync(write.Case, write.Samples, CancellationToken.None).AsTask().WaitAsync(Runs.Timeout);
            }
            await journal.CommitAsync(ExampleRows.Manifest([]), CancellationToken.None).AsTask().WaitAsync(Runs.Timeout);
        }
        await Runs.CommitAsync(directory.PathOf("direct"), writes, writeSamples: true).WaitAsync(Runs.Timeout);

        RowAssert.Equal(await DatasetReader.ReadCasesAsync(directory.PathOf("direct/cases.parquet")), await DatasetReader.ReadCasesAsync(directory.PathOf("journaled/cases.parquet")));
        RowAssert.Equal(await DatasetReader.ReadSamplesAsync(directory.PathOf("direct/samples.parquet")), await DatasetReader.ReadSamplesAsync(directory.PathOf("journaled/samples.parquet")));
        Assert.Equal(["cases.parquet", "manifest.json", "samples.parquet"], directory.FileNames("journaled"));
        Assert.Empty(Directory.EnumerateDirectories(directory.PathOf("journaled")));
    }

    [Fact]
    public async Task Open_keeping_finished_runs_counts_the_entries_of_an_earlier_attempt_and_drops_writes_cut_short()
    {
        using var directory = new TemporaryDirectory();
        RunKey[] plan = [new(new CaseId("a"), 0), new(new CaseId("a"), 1), new(new CaseId("b"), 0)];
        await using (var first = RunJournal.Open(directory.Root, Header, plan, keepFinished: false))
        {
            await first.WriteAsync(Row("a", 1), [], CancellationToken.None);
            await first.WriteAsync(Row("b", 0), [], CancellationToken.None);
        }
        var journalDirectory = Path.Combine(directory.Root, ".partial");
        await File.WriteAllTextAsync(Path.Combine(journalDirectory, "run-a-0.json.tmp"), "{\"row\":");

        Assert.Equal(new JournalState(journalDirectory, Header, 2), RunJournal.Inspect(directory.Root, part: null));
        await using (var resumed = RunJournal.Open(directory.Root, Header with { StartedAt = DateTimeOffset.UtcNow }, plan, keepFinished: true))
        {
            Assert.Equal([new RunKey(new CaseId("a"), 1), new RunKey(new CaseId("b"), 0)], resumed.Finished.OrderBy(key => key.ToString(), StringComparer.Ordinal));
            Assert.Equal(DateTimeOffset.UnixEpoch, RunJournal.Inspect(directory.Root, part: null)!.Header!.StartedAt);
            Assert.DoesNotContain("run-a-0.json.tmp", directory.FileNames(".partial"));
        }
        await using (var restarted = RunJournal.Open(directory.Root, Header, plan, keepFinished: false))
        {
            Assert.Empty(restarted.Finished);
        }
        Assert.Null(RunJournal.Inspect(directory.Root, part: null));
    }

    [Fact]
    public async Task DisposeAsync_without_a_finished_run_removes_the_journal_and_the_directories_it_created()
    {
        using var directory = new TemporaryDirectory();
        await using (RunJournal.Open(directory.PathOf("data/sweep"), Header with { Part = "shard-0-of-2" }, [new RunKey(new CaseId("a"), 0)], keepFinished: false))
        {
            Assert.True(Directory.Exists(directory.PathOf("data/sweep/.partial-shard-0-of-2")));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Root));
    }

    [Fact]
    public async Task Open_refuses_a_second_writer_while_the_first_holds_the_journal()
    {
        using var directory = new TemporaryDirectory();
        await using var first = RunJournal.Open(directory.Root, Header, [], keepFinished: false);

        var error = Assert.Throws<IOException>(() => RunJournal.Open(directory.Root, Header, [], keepFinished: true));

        Assert.Contains("in use by another run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_refuses_while_a_planned_run_has_not_finished_and_keeps_the_journal()
    {
        using var directory = new TemporaryDirectory();
        await using (var journal = RunJournal.Open(directory.Root, Header, [new RunKey(new CaseId("a"), 0), new RunKey(new CaseId("b"), 0)], keepFinished: false))
        {
            await journal.WriteAsync(Row("a", 0), [], CancellationToken.None);

            await Assert.ThrowsAsync<InvalidOperationException>(() => journal.CommitAsync(ExampleRows.Manifest([]), CancellationToken.None).AsTask());
        }

        Assert.Equal(1, RunJournal.Inspect(directory.Root, part: null)?.FinishedRuns);
        Assert.Empty(directory.FileNames());
    }

    private static CaseRow Row(string caseId, int replicate) => ExampleRows.Ok with { CaseId = caseId, Replicate = replicate };

    /// <summary>Journal entries are named by (case id, replicate): give every generated write its own, file-name-safe key.</summary>
    private static CaseWithSamples[] WithDistinctKeys(CaseWithSamples[] writes) =>
        [.. writes.Select((write, i) => new CaseWithSamples(
            write.Case with { CaseId = $"case{i}", Sweep = Header.Sweep, SpecHash = Header.SpecHash },
            [.. write.Samples.Select(sample => new SampleRow
            {
                Sweep = sample.Sweep,
                CaseId = $"case{i}",
                Replicate = write.Case.Replicate,
                SampleIndex = sample.SampleIndex,
                ActiveInputs = sample.ActiveInputs,
                TrueOutputCount = sample.TrueOutputCount,
                FalsePositiveOutputs = sample.FalsePositiveOutputs,
                FalseNegativeOutputs = sample.FalseNegativeOutputs,
                Correct = sample.Correct,
            })]))];
}
