using System.Text.Json;
using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// The manifest's git_commit is the commit the tool was built from, embedded at build time, whatever
/// directory the tool runs in: outside any repository, or inside another one.
/// </summary>
public class BuildCommitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private const string Spec = """
        { "name": "provenance", "seed": 1,
          "problem": { "kind": "and", "graph": "random", "input_count": 20, "output_count": 10, "sparsity": 2 },
          "construction": "dedicated",
          "evaluation": { "samples": 10, "batch_size": 10 } }
        """;

    /// <summary>HEAD of this repository as git reports it now; "unknown" when the sources are not in a git repository.</summary>
    private static string SourceCommit()
    {
        var git = Processes.Run("git", ["rev-parse", "HEAD"], RepositoryFiles.Root, TimeSpan.FromMinutes(1));
        return git.ExitCode == 0 ? git.Output.Trim() : "unknown";
    }

    [Fact]
    public void The_embedded_commit_is_the_source_tree_s_HEAD()
    {
        Assert.Equal(SourceCommit(), ToolInfo.Commit);
        Assert.Equal(ToolInfo.Commit, ToolInfo.GitCommit());
    }

    [Fact]
    public void A_run_outside_any_repository_records_the_tool_s_own_commit()
    {
        using var directory = new TemporaryDirectory();
        Assert.NotEqual(0, Processes.Run("git", ["rev-parse", "HEAD"], directory.Path, Timeout).ExitCode);

        Assert.Equal(SourceCommit(), RecordedCommit(directory));
    }

    [Fact]
    public void A_run_inside_another_repository_records_the_tool_s_own_commit()
    {
        using var directory = new TemporaryDirectory();
        Git(directory, "init", "-q");
        Git(directory, "-c", "user.name=other", "-c", "user.email=other@example.org", "commit", "-q", "--allow-empty", "-m", "another project");
        var otherHead = Processes.Run("git", ["rev-parse", "HEAD"], directory.Path, Timeout).Output.Trim();

        var recorded = RecordedCommit(directory);

        Assert.Equal(SourceCommit(), recorded);
        Assert.NotEqual(otherHead, recorded);
    }

    [Fact]
    public void Version_prints_the_version_and_the_commit()
    {
        using var directory = new TemporaryDirectory();
        var result = Processes.Run(Processes.Dotnet, [Processes.CliAssembly, "--version"], directory.Path, Timeout);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"superposition {ToolInfo.Version} (commit {SourceCommit()})", result.Output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", ToolInfo.Version);
    }

    /// <summary>Runs the spec with the directory as working directory and returns the manifest's git_commit.</summary>
    private static string RecordedCommit(TemporaryDirectory directory)
    {
        var spec = TestSpecs.Write(directory, "provenance", Spec);
        var run = Processes.Run(Processes.Dotnet, [Processes.CliAssembly, "run", spec, "--out", "data"], directory.Path, Timeout);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.Path, "data", "provenance", "manifest.json")));
        return manifest.RootElement.GetProperty("git_commit").GetString()!;
    }

    private static void Git(TemporaryDirectory directory, params string[] arguments)
    {
        var result = Processes.Run("git", arguments, directory.Path, Timeout);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.Error}");
    }
}
