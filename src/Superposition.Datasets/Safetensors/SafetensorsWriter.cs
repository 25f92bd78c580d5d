using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// Serialises a <see cref="SafetensorsFile"/>: header JSON, padding, then the data, through a temporary
/// file. The header lists the tensors in the file's order, but the data buffer holds them by decreasing
/// dtype size (stable), as the reference writer does: the padded header puts the buffer at a multiple
/// of 8 in the file and every size is a power of two, so each tensor starts at a multiple of its own
/// dtype size and zero-copy readers (NumPy's <c>frombuffer</c>, memory maps) can view it in place.
/// </summary>
internal static class SafetensorsWriter
{
    // Keep non-ASCII text (spec text, names like "γ") readable in the header; the header is never
    // embedded in HTML, which is all the default encoder's extra escaping protects against.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(SafetensorsFile file, string path)
    {
        var header = Header(file);
        var temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                stream.Write(length);
                stream.Write(header);
                foreach (var tensor in DataOrder(file))
                {
                    WriteData(stream, tensor);
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The header bytes: metadata first (as the reference writes it), then the tensors in order, padded with spaces to a multiple of 8.</summary>
    internal static byte[] Header(SafetensorsFile file)
    {
        Validate(file);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            if (file.Metadata.Count > 0)
            {
                json.WriteStartObject(SafetensorsFile.MetadataKey);
                foreach (var (key, value) in file.Metadata)
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            var offsets = DataOffsets(file);
            foreach (var tensor in file.Tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType);
                json.WriteStartArray("shape");
                foreach (var dimension in tensor.Shape)
                {
                    json.WriteNumberValue(dimension);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                var begin = offsets[tensor.Name];
                json.WriteNumberValue(begin);
                json.WriteNumberValue(begin + tensor.ByteCount);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        var padded = new byte[(buffer.WrittenCount + 7) / 8 * 8];
        buffer.WrittenSpan.CopyTo(padded);
        padded.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return padded;
    }

    /// <summary>The tensors in data-buffer order: largest dtype first, file order among equal sizes.</summary>
    internal static IEnumerable<SafetensorsTensor> DataOrder(SafetensorsFile file) =>
        file.Tensors.OrderByDescending(tensor => tensor.ElementSize);

    /// <summary>Each tensor's first byte in the data buffer, by name (names are unique once validated).</summary>
    private static Dictionary<string, long> DataOffsets(SafetensorsFile file)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var tensor in DataOrder(file))
        {
            offsets[tensor.Name] = offset;
            offset += tensor.ByteCount;
        }
        return offsets;
    }

    private static void Validate(SafetensorsFile file)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
        {
            if (string.IsNullOrEmpty(tensor.Name) || tensor.Name == SafetensorsFile.MetadataKey)
            {
                throw new ArgumentException($"'{tensor.Name}' cannot name a tensor: names are non-empty and '{SafetensorsFile.MetadataKey}' is reserved");
            }
            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"two tensors are named '{tensor.Name}'");
            }
            if (tensor.Shape.IsDefault || tensor.Shape.Any(d => d < 0))
            {
                throw new ArgumentException($"tensor '{tensor.Name}' needs a shape of non-negative dimensions");
            }
            var expected = checked(tensor.ShapeElementCount * tensor.ElementSize);
            if (tensor.ByteCount != expected)
            {
                throw new ArgumentException($"tensor '{tensor.Name}' of shape [{string.Join(", ", tensor.Shape)}] and dtype {tensor.DType} needs {expected} bytes but holds {tensor.ByteCount}");
            }
        }
    }

    /// <summary>Writes a tensor's data little-endian: straight from its array on little-endian hosts, through a byte-swapping buffer otherwise.</summary>
    private static void WriteData(Stream stream, SafetensorsTensor tensor)
    {
        var bytes = tensor.HostBytes;
        if (BitConverter.IsLittleEndian || !tensor.IsHostOrder || tensor.ElementSize == 1)
        {
            stream.Write(bytes);
            return;
        }
        var size = tensor.ElementSize;
        var chunk = new byte[(1 << 16) / size * size];
        for (var start = 0; start < bytes.Length; start += chunk.Length)
        {
            var part = chunk.AsSpan(0, Math.Min(chunk.Length, bytes.Length - start));
            bytes.Slice(start, part.Length).CopyTo(part);
            ByteOrder.Reverse(part, size);
            stream.Write(part);
        }
    }
}
