using System.Text.Json.Nodes;
using Superposition.Specs;
using Superposition.Sweeps;
using Xunit;
using static Superposition.Core.Tests.Specs.SpecSamples;

namespace Superposition.Core.Tests.Specs;

/// <summary>docs/spec-format.md states facts about the code; these keep them true.</summary>
public class SpecFormatDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(SpecSamples.RepositoryRoot(), "docs", "spec-format.md"));

    [Fact]
    public void Doc_lists_every_top_level_and_problem_field()
    {
        Assert.All(SpecFields.TopLevel, field => Assert.Contains($"| `{field}` |", Doc, StringComparison.Ordinal));
        Assert.All(SpecFields.Problem, field => Assert.Contains($"| `{field}` |", Doc, StringComparison.Ordinal));
        Assert.All(SpecFields.Evaluation, field => Assert.Contains($"| `{field}` |", Doc, StringComparison.Ordinal));
    }

    [Fact]
    public void Doc_canonical_case_example_hashes_to_the_expanded_case_id()
    {
        var example = Doc.Split('\n').Single(line => line.StartsWith("{\"construction\":\"dedicated\"", StringComparison.Ordinal));
        var run = Assert.Single(SweepExpansion.Expand(Valid(With(s =>
        {
            s["problem"] = new JsonObject { ["input_count"] = 1000, ["output_count"] = 1000, ["sparsity"] = 3 };
            s["construction"] = "dedicated";
        }))));

        Assert.Equal(SpecParser.HashOf(example)[..SweepExpansion.CaseIdLength], run.CaseId.Value);
    }

    [Fact]
    public void Doc_error_example_matches_the_parser_output()
    {
        var input = Block(Doc, "Example (`scaling.json`", "```json");
        var output = Block(Doc, "Example (`scaling.json`", "```text");

        Assert.Equal(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Errors(input).Select(e => e.ToString()));
    }

    /// <summary>The body of the first fenced block opening with <paramref name="fence"/> after <paramref name="anchor"/>.</summary>
    private static string Block(string text, string anchor, string fence)
    {
        var start = text.IndexOf(fence, text.IndexOf(anchor, StringComparison.Ordinal), StringComparison.Ordinal) + fence.Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)].Trim();
    }
}
