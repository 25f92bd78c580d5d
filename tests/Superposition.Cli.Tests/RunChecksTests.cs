using Superposition.Cli.Tests.Support;
using Superposition.Datasets.Journals;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>What `run` and `plan` check before anything runs: memory, the output directory, an earlier attempt's journal.</summary>
[Collection("console")]
public class RunChecksTests
{
    [Fact]
    public async Task Plan_and_run_refuse_a_sweep_whose_largest_run_exceeds_the_memory_with_the_estimate_and_the_limit()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "huge", TestSpecs.Huge);

        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.Equal((2, 2), (plan.Exit, run.Exit));
        Assert.Contains("GB", run.Error, StringComparison.Ordinal);
        Assert.Contains(MemoryCheck.Bytes(MemoryCheck.AvailableBytes()), run.Error, StringComparison.Ordinal);
        Assert.Contains("m' = 1000000000", plan.Error, StringComparison.Ordinal);
        Assert.False(Path.Exists(directory["out"]));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("file/below")]
    public async Task Run_refuses_an_out_that_cannot_be_written_before_running(string output)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "edges", TestSpecs.Edges);
        await File.WriteAllTextAsync(directory["file"], "in the way");

        var result = await InProcess.InvokeAsync("run", spec, "--out", directory[output]);

        Assert.Equal(2, result.Exit);
        Assert.Contains("--out", result.Error, StringComparison.Ordinal);
        Assert.Equal(["edges.json", "file"], Directory.EnumerateFileSystemEntries(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_without_resume_refuses_to_discard_finished_runs_and_resume_refuses_a_changed_spec()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "edges", TestSpecs.Edges);
        var dataset = Path.Combine(directory["out"], "edges");
        var header = new JournalHeader("edges", "0123456789abcdef", null, false, "0.0.0", DateTimeOffset.UtcNow, 64);
        await using (var journal = RunJournal.Open(dataset, header, [new RunKey(new CaseId("abc"), 0)], keepFinished: false))
        {
            await journal.WriteAsync(new Superposition.Rows.CaseRow { CaseId = "abc", Status = "ok" }, [], CancellationToken.None);
        }
        var before = Directory.EnumerateFileSystemEntries(dataset, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var fresh = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);
        var resumed = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--resume");

        Assert.Equal((2, 2), (fresh.Exit, resumed.Exit));
        Assert.Contains("--resume", fresh.Error, StringComparison.Ordinal);
        Assert.Contains("1 finished run", fresh.Error, StringComparison.Ordinal);
        Assert.Contains("the spec changed", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(dataset, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_with_resume_and_no_journal_runs_from_the_start()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "edges", TestSpecs.Edges);

        var result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--resume");

        Assert.True(result.Exit == 0, result.Error);
        Assert.Equal(64, (await DatasetFiles.CasesAsync(Path.Combine(directory["out"], "edges", "cases.parquet"))).Count);
    }

    [Fact]
    public void Unexpected_errors_print_one_line_without_a_stack_trace_unless_debugging()
    {
        var error = Thrown(new InvalidOperationException("something broke"));

        var plain = UnexpectedErrors.Describe(error, debug: false);
        var debug = UnexpectedErrors.Describe(error, debug: true);

        Assert.Equal("error: something broke (InvalidOperationException); set SUPERPOSITION_DEBUG=1 for the stack trace", plain);
        Assert.Contains(" at ", debug, StringComparison.Ordinal);
        Assert.Contains("something broke", debug, StringComparison.Ordinal);
    }

    private static Exception Thrown(Exception error)
    {
        try
        {
            throw error;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
