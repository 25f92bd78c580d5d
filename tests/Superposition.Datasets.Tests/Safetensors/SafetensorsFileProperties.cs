using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Datasets.Safetensors;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

public class SafetensorsFileProperties
{
    /// <summary>A small exported network (two compute entries per input or so), written once for all properties.</summary>
    private static readonly Lazy<byte[]> Exported = new(() =>
    {
        using var temporary = new TemporaryFile();
        NetworkExport.Write(NetworkExportTests.Build("superposed-and", inputCount: 12, outputCount: 10, sparsity: 2), temporary.Path, new Dictionary<string, string>());
        return File.ReadAllBytes(temporary.Path);
    });

    [Fact]
    public void Read_throws_InvalidDataException_for_every_truncation()
    {
        var bytes = Exported.Value;
        using var temporary = new TemporaryFile();
        for (var length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(temporary.Path, bytes[..length]);
            var error = Record.Exception(() => SafetensorsFile.Read(temporary.Path));
            Assert.True(error is InvalidDataException, $"a file cut at {length} of {bytes.Length} bytes gave {error?.GetType().Name ?? "no error"}");
        }
    }

    /// <summary>
    /// Any one corrupted byte, in the header or the data, either still reads and evaluates (data has no
    /// checksum, so a changed value is a different network) or fails with InvalidDataException: never
    /// an index error, an overflow or a hang.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Read_and_Evaluate_fail_only_with_InvalidDataException_on_a_corrupted_byte() =>
        Prop.ForAll(
            (from position in Gen.Choose(0, Exported.Value.Length - 1)
             from value in Gen.Choose(0, 255)
             select (Position: position, Value: (byte)value)).ToArbitrary(),
            corruption =>
            {
                var bytes = (byte[])Exported.Value.Clone();
                bytes[corruption.Position] = corruption.Value;
                using var temporary = new TemporaryFile();
                File.WriteAllBytes(temporary.Path, bytes);
                var error = Record.Exception(() => NetworkExport.Evaluate(SafetensorsFile.Read(temporary.Path), [0, 3]));
                Assert.True(error is null or InvalidDataException, $"byte {corruption.Position} set to {corruption.Value} gave {error}");
            });
}
