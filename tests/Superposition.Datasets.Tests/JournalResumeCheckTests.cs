using Superposition.Datasets.Journals;
using Superposition.Datasets.Tests.Support;
using Superposition.Rows;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Datasets.Tests;

/// <summary>
/// On resume every entry is read and checked before anything runs: a broken one (garbage, truncated,
/// empty, of another run) is set aside and its run counts as not finished, so it runs again and the commit
/// never meets it; a header that is not one (garbage, <c>{}</c>) is reported with the reason.
/// </summary>
public sealed class JournalResumeCheckTests
{
    private static readonly JournalHeader Header = new("quickstart", "9f2c", null, false, "1.0.0", DateTimeOffset.UnixEpoch, 2);

    public static TheoryData<string, string> BrokenEntries => new()
    {
        { "garbage", "this is not json" },
        { "truncated", "{\"row\":{\"sweep\":\"quickstart\",\"case_id\":\"b\"" },
        { "empty", "" },
        { "null", "null" },
        { "no-row", "{}" },
        { "foreign", "{\"row\":{\"sweep\":\"other\",\"case_id\":\"b\",\"replicate\":0,\"spec_hash\":\"0000\"},\"samples\":[]}" },
        { "wrong-run", "{\"row\":{\"sweep\":\"quickstart\",\"case_id\":\"a\",\"replicate\":0,\"spec_hash\":\"9f2c\"},\"samples\":[]}" },
    };

    [Theory]
    [MemberData(nameof(BrokenEntries))]
    public async Task A_broken_entry_is_set_aside_on_open_and_its_run_runs_again(string kind, string content)
    {
        using var directory = new TemporaryDirectory();
        RunKey[] plan = [new(new CaseId("a"), 0), new(new CaseId("b"), 0)];
        await using (var first = RunJournal.Open(directory.Root, Header, plan, keepFinished: false))
        {
            await first.WriteAsync(Row("a"), [], CancellationToken.None);
            await first.WriteAsync(Row("b"), [], CancellationToken.None);
        }
        var entry = Path.Combine(directory.Root, ".partial", "run-b-0.json");
        await File.WriteAllTextAsync(entry, content);

        await using var resumed = RunJournal.Open(directory.Root, Header, plan, keepFinished: true);

        Assert.Equal([new RunKey(new CaseId("a"), 0)], resumed.Finished);
        var problem = Assert.Single(resumed.SetAside);
        Assert.Contains(entry, problem, StringComparison.Ordinal);
        Assert.True(File.Exists(entry + ".broken"), kind);
        Assert.False(File.Exists(entry));
        await resumed.WriteAsync(Row("b"), [], CancellationToken.None);
        await resumed.CommitAsync(ExampleRows.Manifest([]), CancellationToken.None);
        Assert.Equal(["a", "b"], (await DatasetReader.ReadCasesAsync(Path.Combine(directory.Root, "cases.parquet"))).Select(row => row.CaseId));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"sweep\":\"quickstart\"}")]
    public void A_header_that_is_not_one_is_reported_with_the_reason(string content)
    {
        using var directory = new TemporaryDirectory();
        var journal = Directory.CreateDirectory(Path.Combine(directory.Root, ".partial")).FullName;
        File.WriteAllText(Path.Combine(journal, "journal.json"), content);

        var state = RunJournal.Inspect(directory.Root, part: null);

        Assert.NotNull(state);
        Assert.Null(state.Header);
        Assert.Contains("journal.json is not", state.HeaderProblem, StringComparison.Ordinal);
    }

    private static CaseRow Row(string caseId) => ExampleRows.Ok with { CaseId = caseId, Replicate = 0 };
}
