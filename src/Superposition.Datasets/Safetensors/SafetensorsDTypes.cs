using System.Collections.Immutable;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// The dtype words of the safetensors header and their element sizes in bytes. A reader must know
/// every size to check that a tensor's byte range matches its shape, so the table covers the
/// whole-byte dtypes of the reference implementation, not only the ones this project writes.
/// </summary>
public static class SafetensorsDTypes
{
    private static readonly ImmutableDictionary<string, int> Sizes = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["BOOL"] = 1,
        ["U8"] = 1,
        ["I8"] = 1,
        ["F8_E5M2"] = 1,
        ["F8_E4M3"] = 1,
        ["I16"] = 2,
        ["U16"] = 2,
        ["F16"] = 2,
        ["BF16"] = 2,
        ["I32"] = 4,
        ["U32"] = 4,
        ["F32"] = 4,
        ["I64"] = 8,
        ["U64"] = 8,
        ["F64"] = 8,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Every dtype word this code can size, sorted.</summary>
    public static ImmutableArray<string> Names { get; } = [.. Sizes.Keys.Order(StringComparer.Ordinal)];

    public static bool IsKnown(string dtype) => Sizes.ContainsKey(dtype);

    /// <summary>Bytes per element of <paramref name="dtype"/>; throws for a word not in <see cref="Names"/>.</summary>
    public static int SizeOf(string dtype) =>
        Sizes.TryGetValue(dtype, out var size) ? size : throw new ArgumentException($"unknown safetensors dtype '{dtype}'; expected one of {string.Join(", ", Names)}", nameof(dtype));
}
