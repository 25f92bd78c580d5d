using System.Text;
using Superposition.Inputs;
using Xunit;

namespace Superposition.Core.Tests.Specs;

/// <summary>The input-distribution table of docs/spec-format.md is generated from the registry, never edited by hand.</summary>
public class InputDistributionDocTests
{
    private const string StartMarker = "<!-- generated: input-distributions -->";
    private const string EndMarker = "<!-- end generated -->";

    [Fact]
    public void Doc_table_is_the_one_generated_from_the_registry()
    {
        var doc = File.ReadAllText(Path.Combine(SpecSamples.RepositoryRoot(), "docs", "spec-format.md")).ReplaceLineEndings("\n");
        var start = doc.IndexOf(StartMarker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/spec-format.md has no '{StartMarker}' marker");
        var end = doc.IndexOf(EndMarker, start, StringComparison.Ordinal);
        Assert.True(end >= 0, $"docs/spec-format.md has no '{EndMarker}' after '{StartMarker}'");

        var expected = Table(InputDistributionRegistry.All);
        var actual = doc[start..(end + EndMarker.Length)];
        Assert.True(expected == actual, $"docs/spec-format.md's input-distribution block differs from the registry; replace it with:\n\n{expected}\n");
    }

    [Fact]
    public void Generated_table_has_a_row_per_distribution_in_registry_order()
    {
        var rows = Table(InputDistributionRegistry.All).Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal)).ToArray();

        Assert.Equal(InputDistributionRegistry.Names.Select(name => $"| `{name}` |"), rows.Select(row => row[..(row.IndexOf('|', 1) + 1)]));
    }

    /// <summary>The block between the markers, markers included: one row per distribution, in registry order.</summary>
    internal static string Table(IEnumerable<InputDistribution> distributions)
    {
        var text = new StringBuilder();
        text.Append(StartMarker).Append('\n');
        text.Append("| name | inputs | applies to |\n");
        text.Append("|---|---|---|\n");
        foreach (var distribution in distributions)
        {
            text.Append($"| `{distribution.Name}` | {distribution.Description} | {distribution.AppliesTo} |\n");
        }
        return text.Append(EndMarker).ToString();
    }
}
