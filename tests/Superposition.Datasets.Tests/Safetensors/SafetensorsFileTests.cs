using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using Superposition.Datasets.Safetensors;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

public class SafetensorsFileTests
{
    private static SafetensorsFile Sample() => new(
        [
            new Int32Tensor("ints", [2, 3], [1, -2, 3, int.MinValue, int.MaxValue, 0]),
            Int64Tensor.Vector("longs", [long.MinValue, 7]),
            new Float32Tensor("floats", [], [1.5f]),
            Float64Tensor.Vector("doubles", [-0.0, double.NaN, double.PositiveInfinity, 0.1]),
            new RawTensor("flags", "BOOL", [3], [1, 0, 1]),
            Float64Tensor.Vector("empty", []),
        ],
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string> { ["γ"] = "0.25", ["text"] = "line 1\n\"quoted\" <tag>" }));

    [Fact]
    public void Read_returns_what_Write_wrote()
    {
        using var temporary = new TemporaryFile();
        var written = Sample();
        written.Write(temporary.Path);
        var read = SafetensorsFile.Read(temporary.Path);

        Assert.Equal(written.Tensors.Select(t => (t.Name, t.DType, string.Join(",", t.Shape))), read.Tensors.Select(t => (t.Name, t.DType, string.Join(",", t.Shape))));
        Assert.Equal(written.Tensor<Int32Tensor>("ints").Values.ToArray(), read.Tensor<Int32Tensor>("ints").Values.ToArray());
        Assert.Equal(written.Tensor<Int64Tensor>("longs").Values.ToArray(), read.Tensor<Int64Tensor>("longs").Values.ToArray());
        Assert.Equal(written.Tensor<Float32Tensor>("floats").Values.ToArray(), read.Tensor<Float32Tensor>("floats").Values.ToArray());
        Assert.Equal(
            written.Tensor<Float64Tensor>("doubles").Values.Select(BitConverter.DoubleToInt64Bits),
            read.Tensor<Float64Tensor>("doubles").Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(written.Tensor<RawTensor>("flags").Bytes.ToArray(), read.Tensor<RawTensor>("flags").Bytes.ToArray());
        Assert.Empty(read.Tensor<Float64Tensor>("empty").Values);
        Assert.Equal(written.Metadata, read.Metadata);
    }

    [Fact]
    public void Write_pads_the_header_to_a_multiple_of_8_with_spaces_and_leaves_no_temporary_file()
    {
        using var temporary = new TemporaryFile();
        Sample().Write(temporary.Path);
        var bytes = File.ReadAllBytes(temporary.Path);
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, length);

        Assert.Equal(0, length % 8);
        Assert.StartsWith("{\"__metadata__\":{", header, StringComparison.Ordinal);
        Assert.InRange(header.Length - header.TrimEnd(' ').Length, 0, 7);
        Assert.EndsWith("}", header.TrimEnd(' '), StringComparison.Ordinal);
        Assert.Contains("\"γ\":\"0.25\"", header, StringComparison.Ordinal);
        Assert.False(File.Exists(temporary.Path + ".tmp"));
    }

    [Fact]
    public void Write_replaces_an_existing_file_whole()
    {
        using var temporary = new TemporaryFile();
        File.WriteAllBytes(temporary.Path, new byte[100_000]);
        new SafetensorsFile([Int32Tensor.Vector("x", [1])], ImmutableSortedDictionary<string, string>.Empty).Write(temporary.Path);

        Assert.Equal(1, SafetensorsFile.Read(temporary.Path).Tensor<Int32Tensor>("x").Values[0]);
    }

    [Theory]
    [InlineData("", "needs 8 bytes but holds 4")]
    [InlineData("dup", "two tensors are named 'a'")]
    [InlineData("reserved", "'__metadata__' is reserved")]
    public void Write_rejects_inconsistent_tensors_and_writes_nothing(string problem, string message)
    {
        SafetensorsTensor[] tensors = problem switch
        {
            "dup" => [Int32Tensor.Vector("a", [1]), Int32Tensor.Vector("a", [2])],
            "reserved" => [Int32Tensor.Vector(SafetensorsFile.MetadataKey, [1])],
            _ => [new Int32Tensor("a", [2], [1])],
        };
        using var temporary = new TemporaryFile();
        var error = Assert.Throws<ArgumentException>(() => new SafetensorsFile([.. tensors], ImmutableSortedDictionary<string, string>.Empty).Write(temporary.Path));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temporary.Path));
        Assert.False(File.Exists(temporary.Path + ".tmp"));
    }

    [Fact]
    public void Tensor_names_the_missing_tensor_and_the_wrong_dtype()
    {
        var file = Sample();

        Assert.Contains("no tensor 'nope'", Assert.Throws<KeyNotFoundException>(() => file.Tensor("nope")).Message, StringComparison.Ordinal);
        Assert.Contains("has dtype I32", Assert.Throws<InvalidDataException>(() => file.Tensor<Float64Tensor>("ints")).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> CorruptFiles => new()
    {
        { "empty file", [], "too short" },
        { "five bytes", [1, 2, 3, 4, 5], "too short" },
        { "huge header length", Length(1UL << 40), "exceeds the 100000000-byte limit" },
        { "header past the end", [.. Length(64), .. "{}"u8], "runs past the end" },
        { "header not an object", Build("[1, 2]", []), "does not start with '{'" },
        { "header not JSON", Build("{\"a\": ", []), "not valid JSON" },
        { "header not UTF-8", [.. Length(7), .. "{\""u8, 0xFF, .. "\":1}"u8], "not valid UTF-8" },
        { "unknown dtype", Build("""{"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}}""", [0]), "unknown dtype 'Q7'" },
        { "no shape", Build("""{"a":{"dtype":"U8","data_offsets":[0,1]}}""", [0]), "has no shape" },
        { "negative dimension", Build("""{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}""", [0]), "has no shape" },
        { "three offsets", Build("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}}""", [0]), "data_offsets [begin, end]" },
        { "end before begin", Build("""{"a":{"dtype":"U8","shape":[0],"data_offsets":[1,0]}}""", [0]), "data_offsets [begin, end]" },
        { "size not shape times dtype", Build("""{"a":{"dtype":"I32","shape":[3],"data_offsets":[0,8]}}""", new byte[8]), "needs 12 bytes, but its data_offsets span 8" },
        { "gap between tensors", Build("""{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[4],"data_offsets":[8,12]}}""", new byte[12]), "leaving a gap" },
        { "overlapping tensors", Build("""{"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]},"b":{"dtype":"U8","shape":[8],"data_offsets":[4,12]}}""", new byte[12]), "inside the previous tensor" },
        { "truncated data", Build("""{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}""", new byte[12]), "only 12 follow the header (truncated?)" },
        { "trailing bytes", Build("""{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}""", new byte[3]), "trailing bytes" },
        { "metadata not strings", Build("""{"__metadata__":{"n":1}}""", []), "metadata values are strings" },
        { "tensor named twice", Build("""{"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}""", []), "names 'a' twice" },
        { "shape overflows", Build("""{"a":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}""", new byte[8]), "overflows 64 bits" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Read_throws_a_clear_InvalidDataException_for_a_corrupt_file(string description, byte[] bytes, string message)
    {
        using var temporary = new TemporaryFile();
        File.WriteAllBytes(temporary.Path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(temporary.Path));
        Assert.Contains(temporary.Path, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{description}: '{error.Message}' lacks '{message}'");
    }

    [Fact]
    public void Read_accepts_a_file_without_metadata_or_padding()
    {
        using var temporary = new TemporaryFile();
        File.WriteAllBytes(temporary.Path, Build("""{"a":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}""", [7, 0, 0, 0]));

        var file = SafetensorsFile.Read(temporary.Path);
        Assert.Empty(file.Metadata);
        Assert.Equal([7], file.Tensor<Int32Tensor>("a").Values.ToArray());
    }

    private static byte[] Length(ulong length)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
        return bytes;
    }

    /// <summary>A file with exactly this header text (no padding) and data buffer.</summary>
    private static byte[] Build(string header, byte[] data)
    {
        var text = Encoding.UTF8.GetBytes(header);
        return [.. Length((ulong)text.Length), .. text, .. data];
    }
}
