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
    public static readonly string[] SnippetNames = ["numpy layered writer", "pytorch layered evaluator", "numpy layered evaluator"];

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

    /// <summary>Balanced trees at s = 2^d make outputs true; a random layered circuit at s = 3 makes gates below the last true.</summary>
    [Theory]
    [InlineData("and-trees", 24, 3, 8, "on")]
    [InlineData("and-trees", 24, 3, 8, "off")]
    [InlineData("random-layered", 30, 60, 3, "on")]
    [InlineData("random-layered", 30, 60, 3, "off")]
    public void A_depth_3_circuit_exports_imports_and_evaluates_in_numpy_as_in_the_tool(string graph, int inputs, int gates, int sparsity, string rethreshold)
    {
        var spec = new Problems.ProblemSpec(Problems.ProblemKind.Circuit, graph, inputs, gates, sparsity, Depth: 3);
        var network = NetworkBuilder.Build(spec, "superposed-circuit", new Dictionary<string, object> { ["rethreshold"] = rethreshold }, new Seed(3), new Seed(4));
        Assert.Equal(3, network.Layers.Length);
        var directory = Directory.CreateTempSubdirectory("superposition-layered-");
        try
        {
            var path = Path.Combine(directory.FullName, "circuit.safetensors");
            LayeredNetworkFile.Write(network, path, ImmutableDictionary<string, string>.Empty);
            var read = NetworkFiles.Read(path).Network;
            var circuit = Assert.IsType<Problems.CircuitProblem>(read.Problem).Circuit;
            var original = ((Problems.CircuitProblem)network.Problem).Circuit;
            Assert.Equal(3, circuit.Depth);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(original.Layers[k].First.ToArray(), circuit.Layers[k].First.ToArray());
                Assert.Equal(original.Layers[k].Second.ToArray(), circuit.Layers[k].Second.ToArray());
            }
            Assert.Equal(network.Resources, read.Resources);
            // Planted deep gates and uniform inputs, so that true outputs and intermediate true gates both occur.
            var samples = new[] { WithTrueGateInputs.DistributionName, UniformInputs.DistributionName }
                .Select(d => InputSamplers.Batch(network.Problem, d, 0, 30, new Seed(17).Derive(d)))
                .SelectMany(batch => Enumerable.Range(0, batch.Count).Select(k => batch.Active(k).ToArray()))
                .ToArray();
            var script = SnippetFile("numpy layered evaluator", directory.FullName, "evaluate_layered_numpy");
            var lines = Python.Run(script, [path, .. samples.Select(s => string.Join(",", s))], Timeout);
            Assert.Equal(samples.Length, lines.Length);
            var scratch = new EvaluationScratch(network);
            var readScratch = new EvaluationScratch(read);
            var truth = new int[network.Problem.MaxTrueOutputs];
            var trueOutputs = 0;
            var trueBelow = 0;
            foreach (var (active, line) in samples.Zip(lines))
            {
                using var json = JsonDocument.Parse(line);
                var context = $"rethreshold {rethreshold}, sample [{string.Join(",", active)}]";
                var batch = new SampleBatch(0, [0, active.Length], active, [0, network.Problem.TrueOutputs(active, truth)], truth[..network.Problem.TrueOutputs(active, truth)]);
                var decoded = NetworkEvaluator.Evaluate(network, batch, scratch).DecodedOutputs(0).ToArray();
                Assert.Equal(decoded, NetworkEvaluator.Evaluate(read, batch, readScratch).DecodedOutputs(0).ToArray());
                Assert.True(decoded.SequenceEqual(Integers(json.RootElement, "decoded")), $"decoded outputs differ: {context}");
                Assert.True(batch.Truth(0).SequenceEqual(Integers(json.RootElement, "true")), $"true outputs differ: {context}");
                trueOutputs += batch.Truth(0).Length;
                trueBelow += original.GateValues(active)[1].Length;
                var expected = NetworkEvaluator.Activations(network, active, scratch);
                var actual = json.RootElement.GetProperty("activations").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                Assert.Equal(expected.Length, actual.Length);
                for (var u = 0; u < expected.Length; u++)
                {
                    Assert.True(Math.Abs(expected[u] - actual[u]) <= 1e-12 * Math.Max(1.0, Math.Abs(expected[u])), $"activation {u} is {actual[u]} in NumPy and {expected[u]} here: {context}");
                }
            }
            Assert.True(graph == "and-trees" ? trueOutputs > 0 : trueBelow > 0, $"no sample had a true {(graph == "and-trees" ? "output" : "gate in layer 1")}: the comparison would not reach the deep gates");
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
