using System.Text.Json;
using Superposition.Datasets.Safetensors;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

/// <summary>
/// Runs every Python block of docs/interop.md, copied from the page unmodified, on exported files and
/// compares what it prints with FactoredEvaluator, so the page cannot drift from the format. Needs
/// Debian's python3 with NumPy and PyTorch (<see cref="Python"/>); without them the tests fail.
/// </summary>
public class InteropSnippetTests
{
    private const string Marker = "# interop: ";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The snippets the page must hold, by the name on their marker line; a block with another name fails the test.</summary>
    private static readonly string[] SnippetNames = ["stdlib evaluator", "numpy evaluator", "pytorch evaluator", "dense W", .. LayeredSnippetTests.SnippetNames];

    /// <summary>The snippets that read exported (factored) files; the layered ones are run by <see cref="LayeredSnippetTests"/>.</summary>
    private static readonly string[] ExportSnippetNames = ["stdlib evaluator", "numpy evaluator", "pytorch evaluator", "dense W"];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var snippet in ExportSnippetNames)
        {
            foreach (var (construction, encoding) in new[] { ("superposed-and", "superposed"), ("superposed-and", "explicit"), ("dedicated", "auto"), ("random-and", "superposed"), ("representation", "auto"), ("superposed-permutation", "superposed") })
            {
                if (snippet == "dense W" && construction == "representation")
                {
                    continue; // it computes nothing, so it has no W; the snippet says so
                }
                data.Add(snippet, construction, encoding);
            }
        }
        return data;
    }

    [Fact]
    public void Every_python_block_of_the_page_is_one_of_the_tested_snippets()
    {
        Assert.Equal(SnippetNames, Snippets().Select(s => s.Name));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Snippet_in_interop_doc_matches_FactoredEvaluator(string snippet, string construction, string encoding)
    {
        var network = construction == "superposed-permutation"
            ? ProblemInstanceTests.PermutationNetwork().Network
            : NetworkExportTests.Build(construction, encoding: encoding);
        using var script = new TemporaryFile();
        File.WriteAllText(script.Path, Snippets().Single(s => s.Name == snippet).Code);
        using var exported = new TemporaryFile();
        NetworkExport.Write(network, exported.Path, new Dictionary<string, string>());

        var scratch = new EvaluationScratch(network);
        var samples = new List<int[]>();
        var expectedDecoded = new List<int[]>();
        var expectedTruth = new List<int[]>();
        foreach (var distribution in InputDistributions.Names.Where(name => InputDistributions.Check(name, network.Problem.Spec, "") is null))
        {
            var batch = InputSamplers.Batch(network.Problem, distribution, 0, 6, new Seed(5).Derive(distribution));
            var outcome = FactoredEvaluator.Evaluate(network, batch, scratch);
            for (var k = 0; k < batch.Count; k++)
            {
                samples.Add((network.InputEncoding == InputEncoding.Targets ? batch.Truth(k) : batch.Active(k)).ToArray());
                expectedDecoded.Add(outcome.DecodedOutputs(k).ToArray());
                expectedTruth.Add(batch.Truth(k).ToArray());
            }
        }

        var lines = Python.Run(script.Path, [exported.Path, .. samples.Select(s => string.Join(",", s))], Timeout);
        Assert.Equal(samples.Count, lines.Length);
        for (var k = 0; k < samples.Count; k++)
        {
            using var result = JsonDocument.Parse(lines[k]);
            var root = result.RootElement;
            var context = $"{snippet} on {construction} ({encoding}), sample [{string.Join(", ", samples[k])}]";
            var decoded = Integers(root, "decoded");
            var activations = root.GetProperty("activations").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var expected = FactoredEvaluator.Activations(network, samples[k], scratch);
            if (snippet == "dense W")
            {
                // Floating-point sums in another order: activations within 1e-9, and an output may
                // decode differently only when its exact margin to the threshold is within that.
                Assert.Equal(expected.Length, activations.Length);
                Assert.All(expected.Zip(activations), pair => Assert.Equal(pair.First, pair.Second, 1e-9));
                foreach (var output in expectedDecoded[k].Except(decoded).Union(decoded.Except(expectedDecoded[k])))
                {
                    Assert.True(Math.Abs(Margin(network, expected, output)) < 1e-9, $"output {output} decodes differently away from the threshold: {context}");
                }
            }
            else
            {
                Assert.True(expectedDecoded[k].SequenceEqual(decoded), $"decoded outputs differ: {context}");
                Assert.True(expected.SequenceEqual(activations), $"activations differ: {context}");
            }
            if (root.TryGetProperty("true", out _))
            {
                // Scored from the file alone: the true outputs come from its problem instance.
                Assert.True(expectedTruth[k].SequenceEqual(Integers(root, "true")), $"true outputs differ: {context}");
                Assert.Equal(expectedTruth[k].SequenceEqual(expectedDecoded[k]), root.GetProperty("correct").GetBoolean());
            }
            else
            {
                Assert.NotEqual("pytorch evaluator", snippet);
            }
        }
    }

    /// <summary>The decoder's exact statistic for an output minus the threshold, by the reference definition.</summary>
    private static double Margin(Network network, double[] activations, int output)
    {
        var code = network.OutputCode;
        var support = code.Neurons.AsSpan()[code.Offsets[output]..code.Offsets[output + 1]].ToArray().Select(u => activations[u]).ToArray();
        return network.Decoder.Margin(support);
    }

    private static int[] Integers(JsonElement root, string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetInt32())];

    /// <summary>Every fenced python block of docs/interop.md, in page order, named by its first line's marker.</summary>
    internal static List<(string Name, string Code)> Snippets()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "interop.md")).ReplaceLineEndings("\n");
        var snippets = new List<(string, string)>();
        const string Fence = "```python\n";
        for (var start = text.IndexOf(Fence, StringComparison.Ordinal); start >= 0; start = text.IndexOf(Fence, start, StringComparison.Ordinal))
        {
            start += Fence.Length;
            var end = text.IndexOf("\n```", start, StringComparison.Ordinal);
            var code = text[start..end] + "\n";
            Assert.True(code.StartsWith(Marker, StringComparison.Ordinal), $"a python block of docs/interop.md does not start with '{Marker}': {code[..Math.Min(60, code.Length)]}");
            var name = code[Marker.Length..code.IndexOfAny(['.', '\n'])];
            snippets.Add((name, code));
            start = end;
        }
        return snippets;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Superposition.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Superposition.sln above {AppContext.BaseDirectory}");
    }
}
