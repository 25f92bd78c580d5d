using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Datasets.Safetensors;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

/// <summary>
/// Zero-copy readers (NumPy's frombuffer on a memory map, the reference safetensors loader) need each
/// tensor to start at a multiple of its dtype size in the file; the header is parsed by hand here.
/// </summary>
public class AlignmentProperties
{
    [Property(MaxTest = 40)]
    public Property Every_tensor_of_every_exported_file_starts_at_a_multiple_of_its_dtype_size() =>
        Prop.ForAll(ExportCases.Cases.ToArbitrary(), testCase =>
        {
            var checkedFiles = 0;
            foreach (var network in testCase.Networks())
            {
                AssertAligned(NetworkExport.ToFile(network, new Dictionary<string, string> { ["case_id"] = "alignment" }), network.Construction);
                checkedFiles++;
            }
            Assert.True(checkedFiles > 0, "no construction was built");
        });

    [Fact]
    public void A_permutation_network_is_aligned()
    {
        AssertAligned(NetworkExport.ToFile(ProblemInstanceTests.PermutationNetwork().Network, new Dictionary<string, string>()), "superposed-permutation");
    }

    [Fact]
    public void Tensors_of_every_size_are_aligned_whatever_their_order_in_the_file()
    {
        var file = new SafetensorsFile(
        [
            new RawTensor("one", "U8", [3], [1, 2, 3]),
            Int32Tensor.Vector("four", [7]),
            new RawTensor("two", "I16", [1], [9, 0]),
            Float64Tensor.Vector("eight", [0.5, 1.5]),
            Int32Tensor.Vector("four-again", [1, 2, 3]),
        ], System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty);

        var layout = AssertAligned(file, "mixed");
        Assert.Equal(["eight", "four", "four-again", "two", "one"], layout.OrderBy(t => t.Begin).Select(t => t.Name));
        var read = WrittenAndRead(file);
        Assert.Equal(file.Tensors.Select(t => t.Name), read.Tensors.Select(t => t.Name));
        Assert.Equal([0.5, 1.5], read.Tensor<Float64Tensor>("eight").Values.ToArray());
    }

    /// <summary>Writes the file, checks every tensor's alignment and returns each tensor's data range.</summary>
    internal static List<(string Name, long Begin)> AssertAligned(SafetensorsFile file, string what)
    {
        using var temporary = new TemporaryFile();
        file.Write(temporary.Path);
        var bytes = File.ReadAllBytes(temporary.Path);
        var headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        var dataStart = 8 + headerLength;
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength));
        var layout = new List<(string, long)>();
        foreach (var entry in header.RootElement.EnumerateObject().Where(p => p.Name != SafetensorsFile.MetadataKey))
        {
            var size = SafetensorsDTypes.SizeOf(entry.Value.GetProperty("dtype").GetString()!);
            var begin = entry.Value.GetProperty("data_offsets")[0].GetInt64();
            Assert.True((dataStart + begin) % size == 0, $"{what}: tensor '{entry.Name}' of {size}-byte elements starts at file byte {dataStart + begin}");
            layout.Add((entry.Name, begin));
        }
        Assert.Equal(file.Tensors.Length, layout.Count);
        return layout;
    }

    private static SafetensorsFile WrittenAndRead(SafetensorsFile file)
    {
        using var temporary = new TemporaryFile();
        file.Write(temporary.Path);
        return SafetensorsFile.Read(temporary.Path);
    }
}
