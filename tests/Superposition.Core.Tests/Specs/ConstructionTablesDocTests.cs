using Superposition.Constructions;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests.Specs;

/// <summary>The construction tables of docs/spec-format.md are the text generated from the registry.</summary>
public class ConstructionTablesDocTests
{
    [Fact]
    public void Doc_holds_the_construction_tables_generated_from_the_registry()
    {
        var path = Path.Combine(SpecSamples.RepositoryRoot(), "docs", "spec-format.md");
        var doc = File.ReadAllText(path);
        var start = doc.IndexOf(ConstructionTables.StartMarker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/spec-format.md has no {ConstructionTables.StartMarker} marker");
        start += ConstructionTables.StartMarker.Length;
        var end = doc.IndexOf(ConstructionTables.EndMarker, start, StringComparison.Ordinal);
        Assert.True(end >= 0, $"docs/spec-format.md has no {ConstructionTables.EndMarker} after {ConstructionTables.StartMarker}");
        var expected = "\n" + ConstructionTables.Markdown(ConstructionRegistry.All);
        var actual = doc[start..end];
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, doc[..start] + expected + doc[end..]);
            return;
        }

        Assert.True(actual == expected, $"the construction tables of docs/spec-format.md are out of date; run the tests with UPDATE_DOCS=1, or paste this between the markers:\n{expected}");
    }

    [Fact]
    public void Generated_tables_name_every_parameter_with_its_default_and_range()
    {
        var text = ConstructionTables.Markdown([SuperposedAnd.Definition]);

        Assert.Contains("### `superposed-and`", text, StringComparison.Ordinal);
        Assert.Contains("| `neuron_factor` | 2.5 | greater than 0 |", text, StringComparison.Ordinal);
        Assert.Contains("| `min_code_width` | 4 | whole, at least 1 |", text, StringComparison.Ordinal);
        Assert.Contains("| `decoder_fraction` | 1 (left out of case ids at its default) | in (0, 1] |", text, StringComparison.Ordinal);
        Assert.Contains("| `decoder` | `\"all-above\"` (left out of case ids at its default) | `all-above`, `k-of-w` |", text, StringComparison.Ordinal);
        Assert.Contains("\\|B_h\\|", text, StringComparison.Ordinal);
    }
}
