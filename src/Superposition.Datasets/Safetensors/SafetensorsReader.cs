using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// Parses and validates a safetensors file. Everything is checked before any tensor data is read,
/// and every failure is an <see cref="InvalidDataException"/> that names the file and the problem,
/// because a truncated export must read as "truncated", not as an index error somewhere later.
/// </summary>
internal static class SafetensorsReader
{
    private sealed record Entry(string Name, string DType, ImmutableArray<long> Shape, long Begin, long End);

    public static SafetensorsFile Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var fileLength = stream.Length;
        InvalidDataException Invalid(string message) => new($"{path}: not a valid safetensors file: {message}");

        if (fileLength < 8)
        {
            throw Invalid($"{fileLength} bytes is too short to hold the 8-byte header length (truncated?)");
        }
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > SafetensorsFile.MaxHeaderLength)
        {
            throw Invalid($"the header length {headerLength} exceeds the {SafetensorsFile.MaxHeaderLength}-byte limit");
        }
        if (8 + (long)headerLength > fileLength)
        {
            throw Invalid($"the header length {headerLength} runs past the end of the {fileLength}-byte file (truncated?)");
        }
        if (headerLength < 2)
        {
            throw Invalid($"the header length {headerLength} is too short for a JSON object");
        }
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        // JsonDocument checks UTF-8 lazily (a bad name throws InvalidOperationException on access), so check it whole here.
        if (!Utf8.IsValid(header))
        {
            throw Invalid("the header is not valid UTF-8");
        }
        if (header[0] != (byte)'{')
        {
            throw Invalid("the header does not start with '{'");
        }

        var (entries, metadata) = ParseHeader(header, Invalid);
        var bufferLength = fileLength - 8 - (long)headerLength;
        CheckLayout(entries, bufferLength, Invalid);

        var dataStart = 8 + (long)headerLength;
        var tensors = new SafetensorsTensor[entries.Count];
        foreach (var (entry, index) in entries.Select((e, i) => (e, i)).OrderBy(p => p.e.Begin).ThenBy(p => p.e.End))
        {
            stream.Position = dataStart + entry.Begin;
            tensors[index] = ReadTensor(stream, entry, Invalid);
        }
        return new SafetensorsFile([.. tensors], metadata);
    }

    private static (List<Entry> Entries, ImmutableSortedDictionary<string, string> Metadata) ParseHeader(byte[] header, Func<string, InvalidDataException> invalid)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw invalid($"the header is not valid JSON ({e.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw invalid("the header is not a JSON object");
            }
            var entries = new List<Entry>();
            var metadata = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw invalid($"the header names '{property.Name}' twice");
                }
                if (property.Name == SafetensorsFile.MetadataKey)
                {
                    ParseMetadata(property.Value, metadata, invalid);
                }
                else
                {
                    entries.Add(ParseEntry(property.Name, property.Value, invalid));
                }
            }
            return (entries, metadata.ToImmutable());
        }
    }

    private static void ParseMetadata(JsonElement value, ImmutableSortedDictionary<string, string>.Builder metadata, Func<string, InvalidDataException> invalid)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw invalid($"'{SafetensorsFile.MetadataKey}' must be an object of strings");
        }
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw invalid($"metadata '{item.Name}' is a {item.Value.ValueKind}, but metadata values are strings");
            }
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw invalid($"metadata names '{item.Name}' twice");
            }
        }
    }

    private static Entry ParseEntry(string name, JsonElement value, Func<string, InvalidDataException> invalid)
    {
        if (name.Length == 0)
        {
            throw invalid("a tensor has an empty name");
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw invalid($"tensor '{name}' is not an object with dtype, shape and data_offsets");
        }
        if (!value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
        {
            throw invalid($"tensor '{name}' has no dtype string");
        }
        var dtypeName = dtype.GetString()!;
        if (!SafetensorsDTypes.IsKnown(dtypeName))
        {
            throw invalid($"tensor '{name}' has unknown dtype '{dtypeName}'; expected one of {string.Join(", ", SafetensorsDTypes.Names)}");
        }
        var shape = value.TryGetProperty("shape", out var shapeElement) ? Integers(shapeElement) : null;
        if (shape is null)
        {
            throw invalid($"tensor '{name}' has no shape array of non-negative integers");
        }
        var offsets = value.TryGetProperty("data_offsets", out var offsetsElement) ? Integers(offsetsElement) : null;
        if (offsets is not [var begin, var end] || begin > end)
        {
            throw invalid($"tensor '{name}' needs data_offsets [begin, end] with 0 ≤ begin ≤ end");
        }
        return new Entry(name, dtypeName, [.. shape], begin, end);
    }

    /// <summary>A JSON array of non-negative 64-bit integers, or null when it is anything else.</summary>
    private static long[]? Integers(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var values = new long[element.GetArrayLength()];
        var k = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out values[k]) || values[k] < 0)
            {
                return null;
            }
            k++;
        }
        return values;
    }

    /// <summary>Offsets must tile the data buffer exactly (no gap, no overlap, nothing after), and each range must match its shape and dtype.</summary>
    private static void CheckLayout(List<Entry> entries, long bufferLength, Func<string, InvalidDataException> invalid)
    {
        long covered = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin != covered)
            {
                throw invalid(entry.Begin < covered
                    ? $"tensor '{entry.Name}' starts at data byte {entry.Begin}, inside the previous tensor (which ends at {covered})"
                    : $"tensor '{entry.Name}' starts at data byte {entry.Begin}, leaving a gap after byte {covered}");
            }
            long expected;
            try
            {
                expected = checked(entry.Shape.Aggregate(1L, (product, dimension) => product * dimension) * SafetensorsDTypes.SizeOf(entry.DType));
            }
            catch (OverflowException)
            {
                throw invalid($"tensor '{entry.Name}' has a shape whose size overflows 64 bits");
            }
            if (entry.End - entry.Begin != expected)
            {
                throw invalid($"tensor '{entry.Name}' of shape [{string.Join(", ", entry.Shape)}] and dtype {entry.DType} needs {expected} bytes, but its data_offsets span {entry.End - entry.Begin}");
            }
            covered = entry.End;
        }
        if (covered != bufferLength)
        {
            throw invalid(covered > bufferLength
                ? $"the tensors need {covered} data bytes but only {bufferLength} follow the header (truncated?)"
                : $"the tensors cover {covered} data bytes but {bufferLength} follow the header (trailing bytes)");
        }
    }

    private static SafetensorsTensor ReadTensor(Stream stream, Entry entry, Func<string, InvalidDataException> invalid)
    {
        var byteCount = entry.End - entry.Begin;
        var size = SafetensorsDTypes.SizeOf(entry.DType);
        if (byteCount / size > Array.MaxLength)
        {
            throw invalid($"tensor '{entry.Name}' has {byteCount / size} elements, more than one array can hold");
        }
        var count = (int)(byteCount / size);
        return entry.DType switch
        {
            "I32" => new Int32Tensor(entry.Name, entry.Shape, ImmutableCollectionsMarshal.AsImmutableArray(Values<int>(stream, count))),
            "I64" => new Int64Tensor(entry.Name, entry.Shape, ImmutableCollectionsMarshal.AsImmutableArray(Values<long>(stream, count))),
            "F32" => new Float32Tensor(entry.Name, entry.Shape, ImmutableCollectionsMarshal.AsImmutableArray(Values<float>(stream, count))),
            "F64" => new Float64Tensor(entry.Name, entry.Shape, ImmutableCollectionsMarshal.AsImmutableArray(Values<double>(stream, count))),
            _ => new RawTensor(entry.Name, entry.DType, entry.Shape, ImmutableCollectionsMarshal.AsImmutableArray(Values<byte>(stream, count * size))),
        };
    }

    /// <summary>Reads little-endian values straight into a typed array (no intermediate byte copy on little-endian hosts).</summary>
    private static T[] Values<T>(Stream stream, int count)
        where T : unmanaged
    {
        var values = new T[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        stream.ReadExactly(bytes);
        if (!BitConverter.IsLittleEndian && typeof(T) != typeof(byte))
        {
            ByteOrder.Reverse(bytes, Unsafe.SizeOf<T>());
        }
        return values;
    }
}
