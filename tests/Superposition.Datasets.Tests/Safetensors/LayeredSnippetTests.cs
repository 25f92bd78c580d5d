using System.Collections.Immutable;
using System.Text.Json;
using Superposition.Datasets.Safetensors;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

/// <summary>
/// Runs the layered-format snippets of docs/interop.md unmodified with Debian's python3, NumPy and
/// PyTorch (<see cref="Python"/>: missing ones fail the test): the NumPy writer's file is read and
/// checked exhaustively, and the PyTorch forward pass on files of every stage, layer kind and read-out
/// decodes what the tool decodes.
/// </summary>
public sealed class LayeredSnippetTests
{
    public static readonly string[] SnippetNames = ["numpy layered writer", "pytorch layered evaluator"];

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Writes a snippet of the page to <c>name.py</c> in <paramref name="directory"/>, so another script can import it.</summary>
    internal static string SnippetFile(string snippet, string directory, string name)
    {
        var path = Path.Combine(directory, name + ".py");
        File.WriteAllText(path, InteropSnippetTests.Snippets().Single(s => s.Name == snippet).Code);
        return path;
    }

    [Fact]
    public void Numpy_writer_writes_a_universal_and_layer_the_tool_reads_and_finds_exact()
    {
        var directory = Directory.CreateTempSubdirectory("superposition-layered-");
        try
        {
            var script = SnippetFile("numpy layered writer", directory.FullName, "write_layered");
            var output = Path.Combine(directory.FullName, "and.safetensors");
            Python.Run(script, [output, "7", "3", "0-1,2-3,1-4,6-5,0-6"], Timeout);
            var file = NetworkFiles.Read(output);
            Assert.Equal(LayeredNetworkFile.FormatName, file.Format);
            Assert.True(file.ClaimsNoFalseNegatives);
            var network = file.Network;
            Assert.Equal((7, 5, 3), (network.Problem.InputCount, network.Problem.OutputCount, network.Problem.Sparsity));
            Assert.IsType<Readout.Threshold>(network.Readout);
            var dense = new DenseEvaluator(network);
            var truth = new int[network.Problem.MaxTrueOutputs];
            var checkedInputs = 0;
            foreach (var input in Subsets(7, 3))
            {
                var count = network.Problem.TrueOutputs(input, truth);
                Assert.Equal(truth[..count], dense.Decode(input));
                checkedInputs++;
            }
            Assert.Equal(1 + 7 + 21 + 35, checkedInputs);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public static TheoryData<string, string, string, string> Shapes => new()
    {
        { "one-hot", "dense-f32,dense-f64", "threshold", "all-above" },
        { "one-hot", "sparse", "code", "all-above" },
        { "code-or", "dense-f64,sparse,dense-f32", "code", "k-of-w" },
        { "code-or", "sparse,dense-f64", "threshold", "all-above" },
        { "embedding", "dense-f64,dense-f64", "threshold", "all-above" },
        { "embedding", "sparse", "code", "mean-above" },
        { "one-hot", "dense-f64,dense-f64,dense-f64", "code", "mean-above" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Pytorch_forward_pass_decodes_what_the_tool_decodes(string stage, string layers, string readout, string decoder)
    {
        var shape = new LayeredNetworkGenerators.Shape(stage, [.. layers.Split(',')], readout, decoder, new Seed(0x5eed).Derive(stage + layers + readout + decoder));
        var network = LayeredNetworkGenerators.Build(shape);
        var directory = Directory.CreateTempSubdirectory("superposition-layered-");
        try
        {
            var script = SnippetFile("pytorch layered evaluator", directory.FullName, "evaluate_layered");
            var path = Path.Combine(directory.FullName, "network.safetensors");
            LayeredNetworkFile.Write(network, path, ImmutableDictionary<string, string>.Empty);
            var batch = InputSamplers.Batch(network.Problem, UniformInputs.DistributionName, 0, 40, new Seed(17));
            var outcome = NetworkEvaluator.Evaluate(network, batch, new EvaluationScratch(network));
            var samples = Enumerable.Range(0, batch.Count).Select(k => batch.Active(k).ToArray()).ToArray();
            var lines = Python.Run(script, [path, .. samples.Select(s => string.Join(",", s))], Timeout);
            Assert.Equal(samples.Length, lines.Length);
            var scratch = new EvaluationScratch(network);
            for (var k = 0; k < samples.Length; k++)
            {
                using var json = JsonDocument.Parse(lines[k]);
                var context = $"{shape}, sample [{string.Join(",", samples[k])}]";
                Assert.True(outcome.DecodedOutputs(k).SequenceEqual(Integers(json.RootElement, "decoded")), $"decoded outputs differ: {context}");
                Assert.True(batch.Truth(k).SequenceEqual(Integers(json.RootElement, "true")), $"true outputs differ: {context}");
                var expected = NetworkEvaluator.Activations(network, samples[k], scratch);
                var actual = json.RootElement.GetProperty("activations").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                Assert.Equal(expected.Length, actual.Length);
                for (var u = 0; u < expected.Length; u++)
                {
                    Assert.True(Math.Abs(expected[u] - actual[u]) <= 1e-12 * Math.Max(1.0, Math.Abs(expected[u])), $"activation {u} is {actual[u]} in PyTorch and {expected[u]} here: {context}");
                }
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static int[] Integers(JsonElement root, string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetInt32())];

    /// <summary>Every subset of [0, n) with at most <paramref name="size"/> elements, ascending.</summary>
    internal static IEnumerable<int[]> Subsets(int n, int size)
    {
        IEnumerable<int[]> From(int start, int[] prefix)
        {
            yield return prefix;
            if (prefix.Length == size)
            {
                yield break;
            }
            for (var next = start; next < n; next++)
            {
                foreach (var subset in From(next + 1, [.. prefix, next]))
                {
                    yield return subset;
                }
            }
        }
        return From(0, []);
    }
}
