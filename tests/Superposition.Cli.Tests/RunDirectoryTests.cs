using System.Security.Cryptography;
using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// Links planted in the dataset directory: at every path a run creates, writes, renames over or deletes,
/// `run` refuses with exit 2 and nothing outside the dataset directory changes (the link's target is
/// hashed before and after, and a target directory's listing compared).
/// </summary>
[Collection("console")]
public class RunDirectoryTests
{
    private const string Spec = """
        { "name": "linked", "seed": 1, "problem": { "kind": "and", "graph": "random", "input_count": 30, "output_count": 10, "sparsity": 2 },
          "construction": "dedicated", "evaluation": { "samples": 20, "batch_size": 10 } }
        """;

    [Theory]
    [InlineData("")]
    [InlineData(".partial")]
    public async Task A_link_where_the_run_needs_a_directory_is_refused_and_its_target_untouched(string relative)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "linked", Spec);
        var outside = Directory.CreateDirectory(directory["outside"]).FullName;
        File.WriteAllText(Path.Combine(outside, "someone-elses.txt"), "precious");
        var dataset = Path.Combine(directory["out"], "linked");
        var link = Path.Combine(dataset, relative).TrimEnd(Path.DirectorySeparatorChar);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        Directory.CreateSymbolicLink(link, outside);
        var before = Snapshot(outside);

        var result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.True(result.Exit == 2, result.Error);
        Assert.Contains("symbolic link", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(outside));
    }

    [Theory]
    [InlineData(".partial/journal.json")]
    [InlineData(".partial/journal.json.tmp")]
    [InlineData(".partial/lock")]
    [InlineData("cases.parquet.tmp")]
    [InlineData("samples.parquet.tmp")]
    [InlineData("manifest.json.tmp")]
    [InlineData("cases.parquet")]
    [InlineData("samples.parquet")]
    [InlineData("manifest.json")]
    public async Task A_link_at_a_file_the_run_writes_is_refused_and_its_target_untouched(string relative)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "linked", Spec);
        var outside = Directory.CreateDirectory(directory["outside"]).FullName;
        var target = Path.Combine(outside, "someone-elses.bin");
        File.WriteAllBytes(target, RandomNumberGenerator.GetBytes(4096));
        var link = Path.Combine(directory["out"], "linked", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);
        var before = Snapshot(outside);

        var result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--samples");

        Assert.True(result.Exit == 2, result.Error);
        Assert.Contains("symbolic link", result.Error, StringComparison.Ordinal);
        Assert.Contains(relative.Replace('/', Path.DirectorySeparatorChar), result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(outside));
        Assert.True(File.Exists(link) || new FileInfo(link).LinkTarget is not null, "the link itself is left for its owner to remove");
    }

    [Fact]
    public async Task A_dangling_link_at_a_temporary_file_creates_nothing_at_its_target()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "linked", Spec);
        var target = directory["nowhere.bin"];
        var link = Path.Combine(directory["out"], "linked", "cases.parquet.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);

        var result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.Equal(2, result.Exit);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task A_plain_file_named_partial_is_exit_2_with_a_message()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "linked", Spec);
        var partial = Path.Combine(directory["out"], "linked", ".partial");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        File.WriteAllText(partial, "not a directory");

        var result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.True(result.Exit == 2, result.Error);
        Assert.Contains("is a file where the run needs a directory", result.Error, StringComparison.Ordinal);
        Assert.Equal("not a directory", File.ReadAllText(partial));
    }

    [Fact]
    public async Task Without_links_the_same_spec_runs_and_leaves_no_temporary_file()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "linked", Spec);

        var result = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--samples");

        Assert.True(result.Exit == 0, result.Error);
        Assert.Equal(["cases.parquet", "manifest.json", "samples.parquet"], Directory.EnumerateFileSystemEntries(Path.Combine(directory["out"], "linked")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>Every file under <paramref name="root"/> with the SHA-256 of its content.</summary>
    private static string Snapshot(string root) =>
        string.Join('\n', Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => Directory.Exists(path) ? $"{path}/" : $"{path} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}"));
}
