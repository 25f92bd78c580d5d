using Superposition.Cli.Tests.Support;
using Superposition.Datasets;
using Superposition.Datasets.Journals;
using Superposition.Specs;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>`run --resume` checks the journal before it runs anything: a broken entry is set aside and rerun, a broken header is exit 2.</summary>
[Collection("console")]
public class JournalResumeTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task A_header_that_is_not_one_is_exit_2_with_a_message(string content)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "edges", TestSpecs.Edges);
        var journal = Directory.CreateDirectory(Path.Combine(directory["out"], "edges", ".partial")).FullName;
        File.WriteAllText(Path.Combine(journal, "journal.json"), content);

        var resumed = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--resume");
        var fresh = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.True((resumed.Exit, fresh.Exit) == (2, 2), resumed.Error + fresh.Error);
        Assert.Contains("journal.json is not", resumed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", resumed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("foreign")]
    public async Task A_broken_entry_is_set_aside_its_run_runs_again_and_the_dataset_is_what_an_uninterrupted_run_writes(string kind)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "edges", TestSpecs.Edges);
        var reference = await InProcess.InvokeAsync("run", spec, "--out", directory["reference"]);
        Assert.True(reference.Exit == 0, reference.Error);
        var expected = await DatasetFiles.CasesAsync(Path.Combine(directory["reference"], "edges", "cases.parquet"));

        // The journal of an attempt that finished every run but the commit, with one entry damaged.
        var dataset = Path.Combine(directory["out"], "edges");
        var rows = await DatasetReader.ReadCasesAsync(Path.Combine(directory["reference"], "edges", "cases.parquet"));
        var header = new JournalHeader("edges", SpecParser.HashOf(File.ReadAllText(spec)), null, false, ToolInfo.Version, DateTimeOffset.UtcNow, rows.Count);
        await using (var journal = RunJournal.Open(dataset, header, rows.Select(row => new RunKey(new CaseId(row.CaseId), row.Replicate)), keepFinished: false))
        {
            foreach (var row in rows)
            {
                await journal.WriteAsync(row, [], CancellationToken.None);
            }
        }
        var damaged = Path.Combine(dataset, ".partial", $"run-{rows[5].CaseId}-{rows[5].Replicate}.json");
        var text = File.ReadAllText(damaged);
        File.WriteAllText(damaged, kind switch
        {
            "garbage" => "\u0001\u0002 not json",
            "truncated" => text[..(text.Length / 2)],
            "empty" => "",
            _ => text.Replace(header.SpecHash, new string('0', header.SpecHash.Length), StringComparison.Ordinal),
        });

        var resumed = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--resume");

        Assert.True(resumed.Exit == 0, resumed.Error);
        Assert.Contains("set aside a broken journal entry", resumed.Error, StringComparison.Ordinal);
        Assert.Contains(damaged, resumed.Error, StringComparison.Ordinal);
        Assert.Equal(expected, await DatasetFiles.CasesAsync(Path.Combine(dataset, "cases.parquet")));
        Assert.False(Directory.Exists(Path.Combine(dataset, ".partial")));
    }
}
