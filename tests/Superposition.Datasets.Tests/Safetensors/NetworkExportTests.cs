using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Superposition.Constructions;
using Superposition.Datasets.Safetensors;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

public class NetworkExportTests
{
    private static readonly Dictionary<string, string> CallerMetadata = new() { ["case_id"] = "c0ffee", ["spec"] = "{\"sweep\": \"γ test\"}" };

    internal static Network Build(string construction, int inputCount = 30, int outputCount = 40, int sparsity = 3, string encoding = "superposed")
    {
        var definition = ConstructionRegistry.Find(construction)!;
        var raw = definition.Parameters.Any(p => p.Name == "input_encoding") ? new Dictionary<string, object> { ["input_encoding"] = encoding } : [];
        if (construction == "random-and")
        {
            raw["neurons"] = 100.0;
        }
        var request = definition.Resolve(raw, "").Request!;
        var problem = ProblemGeneration.Generate(new ProblemSpec(ProblemKind.And, "random", inputCount, outputCount, sparsity), new Seed(11));
        return NetworkBuilder.Build(problem, request, new Seed(12));
    }

    [Theory]
    [InlineData("superposed-and", "superposed")]
    [InlineData("superposed-and", "explicit")]
    [InlineData("random-and", "superposed")]
    [InlineData("representation", "auto")]
    public void Write_lays_out_every_tensor_byte_exact(string construction, string encoding)
    {
        var network = Build(construction, encoding: encoding);
        using var temporary = new TemporaryFile();
        NetworkExport.Write(network, temporary.Path, CallerMetadata);
        var bytes = File.ReadAllBytes(temporary.Path);

        // Parse the container by hand, independently of the reader under test.
        var headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal(0, (8 + headerLength) % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength));
        var dataStart = 8 + headerLength;
        var expected = ExpectedTensors(network);
        var entries = header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__").ToArray();
        Assert.Equal(expected.Keys, entries.Select(e => e.Name));
        // The data buffer holds the F64 tensors first, then the I32 ones, each group in header order.
        long offset = 0;
        foreach (var entry in entries.OrderBy(e => expected[e.Name].DType == "F64" ? 0 : 1))
        {
            var (dtype, data, shape) = expected[entry.Name];
            var size = dtype == "I32" ? 4 : 8;
            var begin = entry.Value.GetProperty("data_offsets")[0].GetInt64();
            var end = entry.Value.GetProperty("data_offsets")[1].GetInt64();
            Assert.Equal(dtype, entry.Value.GetProperty("dtype").GetString());
            Assert.Equal(shape, entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
            Assert.Equal(offset, begin);
            Assert.Equal(0, (dataStart + begin) % size);
            Assert.Equal(shape.Aggregate(1L, (a, b) => a * b) * size, end - begin);
            Assert.True(data.AsSpan().SequenceEqual(bytes.AsSpan(dataStart + (int)begin, (int)(end - begin))), $"bytes of {entry.Name} differ");
            offset = end;
        }
        Assert.Equal(bytes.Length - dataStart, offset);

        var metadata = header.RootElement.GetProperty("__metadata__").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal("superposition-network", metadata["format"]);
        Assert.Equal("2", metadata["format_version"]);
        Assert.Equal(construction, metadata["construction"]);
        Assert.Equal(network.Parameters.ToJson(), metadata["construction_params"]);
        Assert.Equal(network.InputEncoding.ToString().ToLowerInvariant(), metadata["input_encoding"]);
        Assert.Equal(construction == "random-and" ? "mean-above" : "all-above", metadata["decode_rule"]);
        Assert.False(metadata.ContainsKey("decode_k"), "only a k-of-w decoder writes decode_k");
        Assert.Equal($"{network.InputCode.NeuronCount}", metadata["input_neuron_count"]);
        Assert.Equal($"{network.OutputCode.NeuronCount}", metadata["output_neuron_count"]);
        Assert.Equal("30", metadata["input_count"]);
        Assert.Equal("40", metadata["output_count"]);
        Assert.Equal("3", metadata["sparsity"]);
        Assert.Equal($"{network.Seed.Value}", metadata["construction_seed"]);
        Assert.Equal($"{network.Resources.WeightCount}", metadata["weight_count"]);
        Assert.Equal("c0ffee", metadata["case_id"]);
        Assert.Equal(CallerMetadata["spec"], metadata["spec"]);
    }

    /// <summary>The tensors the export contract promises, in header order, as little-endian bytes and shapes built here from the network.</summary>
    private static Dictionary<string, (string DType, byte[] Data, long[] Shape)> ExpectedTensors(Network network)
    {
        static (string, byte[], long[]) Vector(string dtype, byte[] data) => (dtype, data, [data.Length / (dtype == "I32" ? 4 : 8)]);
        var tensors = new Dictionary<string, (string, byte[], long[])>
        {
            ["input_code.offsets"] = Vector("I32", Int32Bytes(network.InputCode.Offsets)),
            ["input_code.neurons"] = Vector("I32", Int32Bytes(network.InputCode.Neurons)),
            ["output_code.offsets"] = Vector("I32", Int32Bytes(network.OutputCode.Offsets)),
            ["output_code.neurons"] = Vector("I32", Int32Bytes(network.OutputCode.Neurons)),
        };
        if (network.Compute is { } compute)
        {
            var columns = Enumerable.Range(0, compute.ColumnCount).SelectMany(c => Enumerable.Repeat(c, compute.Rows(c).Length));
            tensors["compute.rows"] = Vector("I32", Int32Bytes(compute.RowIndices));
            tensors["compute.cols"] = Vector("I32", Int32Bytes(columns));
            tensors["compute.weights"] = Vector("I32", Int32Bytes(compute.WeightValues));
            tensors["biases"] = Vector("F64", Float64Bytes(network.Biases));
        }
        tensors["decode_threshold"] = Vector("F64", Float64Bytes([network.Decoder.Threshold]));
        var pairs = ((AndProblem)network.Problem).Pairs;
        tensors["problem.pairs"] = ("I32", Int32Bytes(Enumerable.Range(0, pairs.Count).SelectMany(e => new[] { pairs.First[e], pairs.Second[e] })), [pairs.Count, 2]);
        return tensors;
    }

    private static byte[] Int32Bytes(IEnumerable<int> values) =>
        [.. values.SelectMany(v => { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return b; })];

    private static byte[] Float64Bytes(IEnumerable<double> values) =>
        [.. values.SelectMany(v => { var b = new byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, v); return b; })];

    [Fact]
    public void Write_omits_the_compute_layer_of_a_network_that_computes_nothing()
    {
        var network = Build("representation");
        var file = NetworkExport.ToFile(network, CallerMetadata);

        Assert.Equal(["input_code.offsets", "input_code.neurons", "output_code.offsets", "output_code.neurons", "decode_threshold", "problem.pairs"], file.Tensors.Select(t => t.Name));
        Assert.Equal("targets", file.Metadata["input_encoding"]);
    }

    [Fact]
    public void Write_rejects_caller_metadata_that_reuses_a_reserved_key()
    {
        var error = Assert.Throws<ArgumentException>(() => NetworkExport.ToFile(Build("dedicated"), new Dictionary<string, string> { ["format"] = "mine", ["sparsity"] = "9" }));

        Assert.Contains("format, sparsity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_decodes_a_true_pair_of_superposed_and()
    {
        var network = Build("superposed-and");
        var pairs = ((AndProblem)network.Problem).Pairs;
        var evaluation = NetworkExport.Evaluate(NetworkExport.ToFile(network, CallerMetadata), [pairs.First[5], pairs.Second[5]]);

        Assert.Contains(5, evaluation.Decoded);
        Assert.Equal(network.OutputNeuronCount, evaluation.Activations.Length);
    }

    [Fact]
    public void Evaluate_equals_FactoredEvaluator_for_a_permutation_network()
    {
        var spec = new ProblemSpec(ProblemKind.Permutation, "permutation", 50, 50, 3);
        var problem = ProblemGeneration.Generate(spec, new Seed(3));
        var definition = ConstructionRegistry.Find("superposed-permutation")!;
        var network = NetworkBuilder.Build(problem, definition.Resolve(new Dictionary<string, object> { ["input_encoding"] = "superposed" }, "").Request!, new Seed(4));
        using var temporary = new TemporaryFile();
        NetworkExport.Write(network, temporary.Path, CallerMetadata);
        var file = SafetensorsFile.Read(temporary.Path);
        var batch = InputSamplers.Batch(problem, InputDistributions.Uniform, 0, 20, new Seed(5));
        var scratch = new EvaluationScratch(network);
        var outcome = FactoredEvaluator.Evaluate(network, batch, scratch);

        Assert.Equal("permutation", file.Metadata["problem"]);
        for (var k = 0; k < batch.Count; k++)
        {
            var evaluation = NetworkExport.Evaluate(file, batch.Active(k));
            Assert.Equal(outcome.DecodedOutputs(k).ToArray(), evaluation.Decoded.ToArray());
            Assert.Equal(FactoredEvaluator.Activations(network, batch.Active(k), scratch), evaluation.Activations.ToArray());
        }
    }

    public static TheoryData<string, string> InconsistentFiles => new()
    {
        { "wrong format", "is 'other' version 2" },
        { "neuron out of range", "input_code.neurons[0] = 999999 lies outside" },
        { "row out of range", "compute.rows[0] = -1 lies outside" },
        { "short biases", "biases holds 1 values" },
        { "missing tensor", "no tensor 'compute.weights'" },
        { "decreasing offsets", "output_code.offsets decreases" },
        { "bad count", "'input_neuron_count' = 'many' is not a non-negative integer" },
    };

    [Theory]
    [MemberData(nameof(InconsistentFiles))]
    public void Evaluate_throws_InvalidDataException_for_an_inconsistent_file(string problem, string message)
    {
        var file = NetworkExport.ToFile(Build("superposed-and"), CallerMetadata);
        SafetensorsTensor Replace(string name, Func<SafetensorsTensor, SafetensorsTensor> change) => change(file.Tensor(name));
        ImmutableArray<SafetensorsTensor> With(string name, SafetensorsTensor tensor) => [.. file.Tensors.Select(t => t.Name == name ? tensor : t)];
        var broken = problem switch
        {
            "wrong format" => file with { Metadata = file.Metadata.SetItem("format", "other") },
            "neuron out of range" => file with { Tensors = With("input_code.neurons", Replace("input_code.neurons", t => Int32Tensor.Vector(t.Name, ((Int32Tensor)t).Values.SetItem(0, 999_999)))) },
            "row out of range" => file with { Tensors = With("compute.rows", Replace("compute.rows", t => Int32Tensor.Vector(t.Name, ((Int32Tensor)t).Values.SetItem(0, -1)))) },
            "short biases" => file with { Tensors = With("biases", Float64Tensor.Vector("biases", [-1.5])) },
            "missing tensor" => file with { Tensors = [.. file.Tensors.Where(t => t.Name != "compute.weights")] },
            "decreasing offsets" => file with { Tensors = With("output_code.offsets", Replace("output_code.offsets", t => Int32Tensor.Vector(t.Name, ((Int32Tensor)t).Values.SetItem(1, 1_000)))) },
            _ => file with { Metadata = file.Metadata.SetItem("input_neuron_count", "many") },
        };

        var error = Assert.Throws<InvalidDataException>(() => NetworkExport.Evaluate(broken, [0, 1]));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
