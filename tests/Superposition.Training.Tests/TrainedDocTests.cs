using Superposition.Testing;
using Xunit;

namespace Superposition.Training.Tests;

/// <summary>docs/spec-format.md's table of the trained construction is the text generated from its definition.</summary>
public sealed class TrainedDocTests
{
    private const string StartMarker = "<!-- generated: trained -->";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Superposition.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("no Superposition.sln above the test binaries");
    }

    [Fact]
    public void Doc_holds_the_table_generated_from_the_definition()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "spec-format.md");
        var doc = File.ReadAllText(path);
        var start = doc.IndexOf(StartMarker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/spec-format.md has no {StartMarker} marker");
        start += StartMarker.Length;
        var end = doc.IndexOf(ConstructionTables.EndMarker, start, StringComparison.Ordinal);
        Assert.True(end >= 0, $"docs/spec-format.md has no {ConstructionTables.EndMarker} after {StartMarker}");
        var expected = "\n" + ConstructionTables.Markdown([.. TrainingConstructions.All]);
        var actual = doc[start..end];
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, doc[..start] + expected + doc[end..]);
            return;
        }
        Assert.True(actual == expected, $"the trained construction's table in docs/spec-format.md is out of date; run the tests with UPDATE_DOCS=1, or paste this between the markers:\n{expected}");
    }
}
