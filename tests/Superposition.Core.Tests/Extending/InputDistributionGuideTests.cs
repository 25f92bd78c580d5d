using Superposition.Core.Tests.Specs;
using Xunit;

namespace Superposition.Core.Tests.Extending;

/// <summary>docs/extending/input-distribution.md shows the example that is compiled and tested here, not a copy that can drift.</summary>
public class InputDistributionGuideTests
{
    [Fact]
    public void Guide_code_block_is_the_compiled_example_file()
    {
        var root = SpecSamples.RepositoryRoot();
        var page = File.ReadAllText(Path.Combine(root, "docs", "extending", "input-distribution.md")).ReplaceLineEndings("\n");
        var file = File.ReadAllText(Path.Combine(root, "tests", "Superposition.Core.Tests", "Extending", "ClusteredInputs.cs")).ReplaceLineEndings("\n");
        const string fence = "```csharp\n";
        var start = page.IndexOf(fence, StringComparison.Ordinal);
        Assert.True(start >= 0, "the guide has no csharp block");
        start += fence.Length;
        var end = page.IndexOf("```", start, StringComparison.Ordinal);

        Assert.Equal(file, page[start..end]);
        Assert.Equal(-1, page.IndexOf(fence, end, StringComparison.Ordinal));
    }
}
