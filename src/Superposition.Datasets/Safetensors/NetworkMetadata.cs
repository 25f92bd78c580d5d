using System.Globalization;

namespace Superposition.Datasets.Safetensors;

/// <summary>Reading the metadata an exported network must have, each failure an <see cref="InvalidDataException"/> naming the key.</summary>
internal static class NetworkMetadata
{
    public static string Metadata(SafetensorsFile file, string key) =>
        file.Metadata.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"the file's metadata has no '{key}'");

    public static int Count(SafetensorsFile file, string key) =>
        int.TryParse(Metadata(file, key), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new InvalidDataException($"metadata '{key}' = '{Metadata(file, key)}' is not a non-negative integer");
}
