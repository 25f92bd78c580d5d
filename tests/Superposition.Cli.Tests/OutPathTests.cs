using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>A bad <c>--out</c> is exit 2 with a message before any work, for every verb that takes one.</summary>
[Collection("console")]
public class OutPathTests
{
    private const string Spec = """
        { "name": "outs", "seed": 1, "problem": { "kind": "and", "graph": "random", "input_count": 30, "output_count": 10, "sparsity": 2 },
          "construction": "dedicated", "evaluation": { "samples": 20, "batch_size": 10 } }
        """;

    public static TheoryData<string, string> BadOuts => new()
    {
        { "run", "" },
        { "report", "" },
        { "bounds", "" },
        { "export", "" },
        { "run", "long" },
        { "report", "long" },
        { "bounds", "long" },
        { "export", "long" },
        { "run", "file" },
        { "report", "file" },
        { "bounds", "directory" },
        { "export", "directory" },
    };

    [Theory]
    [MemberData(nameof(BadOuts))]
    public async Task A_bad_out_is_exit_2_with_a_message_before_any_work(string verb, string kind)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "outs", Spec);
        File.WriteAllText(directory["a-file"], "x");
        Directory.CreateDirectory(directory["a-directory"]);
        var output = kind switch
        {
            "" => "",
            "long" => Path.Combine(directory.Path, new string('n', 300), "x"),
            "file" => directory["a-file"],
            _ => directory["a-directory"],
        };
        var before = Listing(directory.Path);
        string[] args = verb switch
        {
            "run" => ["run", spec, "--out", output],
            "report" => ["report", directory.Path, "--out", output],
            "bounds" => ["bounds", "--out", output],
            _ => ["export", spec, "--case", "whatever", "--out", output],
        };

        var result = await InProcess.InvokeAsync(args);

        Assert.True(result.Exit == 2, $"{verb} --out '{output}': exit {result.Exit}: {result.Error}");
        Assert.Contains("--out", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Listing(directory.Path));
    }

    [Fact]
    public async Task Export_checks_out_before_it_looks_for_the_case()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "outs", Spec);

        var result = await InProcess.InvokeAsync("export", spec, "--case", "no-such-case", "--out", Path.Combine(directory["missing"], "n.safetensors"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no case", result.Error, StringComparison.Ordinal);
    }

    private static string Listing(string root) =>
        string.Join('\n', Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
}
