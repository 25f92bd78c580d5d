using System.Text.RegularExpressions;
using Xunit;

namespace Superposition.Core.Tests.Specs;

/// <summary>
/// The code of docs/extending/*.md is the code that compiles: every C# block of those pages is preceded
/// by <c>&lt;!-- file: path --&gt;</c> (or <c>path#region</c>) and equals that file (or the lines of that
/// <c>#region</c>), so a page cannot drift from the files the solution builds and tests.
/// </summary>
public partial class ExtendingPagesDocTests
{
    public static TheoryData<string> Pages => [.. PageNames()];

    [Fact]
    public void There_is_a_page_for_constructions_decoders_and_input_distributions()
    {
        Assert.Contains("construction.md", PageNames());
        Assert.Contains("decoder.md", PageNames());
        Assert.Contains("input-distribution.md", PageNames());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_equals_the_file_it_names(string page)
    {
        var root = SpecSamples.RepositoryRoot();
        var text = File.ReadAllText(Path.Combine(root, "docs", "extending", page));
        var blocks = CsharpBlock().Matches(text);
        Assert.NotEmpty(blocks);
        foreach (Match block in blocks)
        {
            var source = block.Groups["source"];
            Assert.True(source.Success, $"{page}: a csharp block at offset {block.Index} has no <!-- file: path --> line before it");
            var (path, region) = (block.Groups["path"].Value, block.Groups["region"].Value);
            var file = File.ReadAllText(Path.Combine(root, path)).TrimEnd('\n');
            var expected = region.Length == 0 ? file : Region(file, region, path);
            Assert.True(expected == block.Groups["code"].Value, $"{page}: the block for {path}{(region.Length == 0 ? "" : "#" + region)} differs from the file; paste it again:\n{expected}");
        }
    }

    private static string[] PageNames() =>
        [.. Directory.GetFiles(Path.Combine(SpecSamples.RepositoryRoot(), "docs", "extending"), "*.md").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    /// <summary>The lines strictly between <c>#region name</c> and the next <c>#endregion</c>.</summary>
    private static string Region(string file, string name, string path)
    {
        var lines = file.Split('\n');
        var start = Array.FindIndex(lines, line => line.Trim() == $"#region {name}");
        Assert.True(start >= 0, $"{path} has no #region {name}");
        var end = Array.FindIndex(lines, start + 1, line => line.Trim() == "#endregion");
        Assert.True(end > start, $"{path}: #region {name} is not closed");
        return string.Join('\n', lines[(start + 1)..end]);
    }

    [GeneratedRegex(@"(?<source><!-- file: (?<path>[^#\s]+)(#(?<region>\S+))? -->\n)?```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();
}
