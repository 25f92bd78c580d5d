using Superposition.Cli.Tests.Support;
using Superposition.Datasets.Journals;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// SIGTERM and SIGINT during a network build that takes seconds (and cannot observe cancellation): the
/// process says so on stderr, exits 130 within a few seconds, and leaves nothing, since no run finished.
/// </summary>
[Collection("console")]
public class SignalTests
{
    /// <summary>One superposed-and case with m = m' = 10^6: its build alone takes seconds.</summary>
    private const string LongBuild = """
        { "name": "long-build", "seed": 1, "problem": { "kind": "and", "graph": "random", "input_count": 1000000, "output_count": 1000000, "sparsity": 3 },
          "construction": "superposed-and", "evaluation": { "samples": 100, "batch_size": 100 } }
        """;

    [Theory]
    [InlineData("TERM", "SIGTERM")]
    [InlineData("INT", "SIGINT")]
    public async Task A_signal_during_the_build_exits_130_says_so_and_leaves_no_journal(string signal, string name)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "long-build", LongBuild);
        var output = directory["out"];
        var journalHeader = Path.Combine(output, "long-build", RunJournal.DirectoryName(null), RunJournal.HeaderFileName);
        using var child = ChildCli.Start("run", spec, "--out", output, "--parallelism", "1");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!File.Exists(journalHeader) && !child.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(File.Exists(journalHeader) && !child.HasExited, "the run should have opened its journal and be building: " + child.Output);

        await child.SignalAsync(signal);
        // Within a second or two on an idle machine; the slack is for a loaded one.
        await child.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(child.ExitCode == 130, child.Output);
        Assert.Contains($"stderr: interrupted ({name})", child.Output, StringComparison.Ordinal);
        Assert.False(Path.Exists(output), "nothing finished, so the run leaves no directory behind: " + string.Join(", ", Path.Exists(output) ? Directory.EnumerateFileSystemEntries(output, "*", SearchOption.AllDirectories) : []));
    }
}
