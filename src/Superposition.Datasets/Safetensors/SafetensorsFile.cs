using System.Collections.Immutable;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// The contents of a safetensors file (the Hugging Face format that NumPy, PyTorch, JAX and Rust read
/// without code execution): named tensors and a string-to-string metadata map. Layout on disk: an
/// 8-byte little-endian header length N, N bytes of UTF-8 JSON header padded with spaces to a multiple
/// of 8, then the tensors' little-endian bytes, contiguous (this code writes them by decreasing dtype
/// size, so each starts at a multiple of its dtype size). The project exports
/// networks in it (<see cref="NetworkExport"/>) because it is the lingua franca of tensor tools and
/// needs no dependency here.
/// </summary>
/// <param name="Tensors">In header order (the data buffer may order them otherwise; offsets say where each lies).</param>
/// <param name="Metadata">The header's "__metadata__" map; written sorted by key so that equal files are equal bytes.</param>
public sealed record SafetensorsFile(ImmutableArray<SafetensorsTensor> Tensors, ImmutableSortedDictionary<string, string> Metadata)
{
    /// <summary>The reserved header key of the metadata map; no tensor may take it.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header the reader accepts, as in the reference implementation: a larger length means a foreign or corrupt file.</summary>
    public const long MaxHeaderLength = 100_000_000;

    public bool Contains(string name) => Tensors.Any(t => t.Name == name);

    /// <summary>The tensor called <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the names there are.</summary>
    public SafetensorsTensor Tensor(string name) =>
        Tensors.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"no tensor '{name}'; the file holds {string.Join(", ", Tensors.Select(t => t.Name))}");

    /// <summary>The tensor called <paramref name="name"/> as <typeparamref name="T"/>; throws <see cref="InvalidDataException"/> when it has another dtype.</summary>
    public T Tensor<T>(string name)
        where T : SafetensorsTensor
    {
        var tensor = Tensor(name);
        return tensor as T ?? throw new InvalidDataException($"tensor '{name}' has dtype {tensor.DType}, not the one {typeof(T).Name} holds");
    }

    /// <summary>
    /// Reads and validates a file: header length within the file and below <see cref="MaxHeaderLength"/>,
    /// header a JSON object of well-formed entries, offsets contiguous from 0 to the end of the file,
    /// each tensor's byte range equal to product(shape) × dtype size. Any violation, including a
    /// truncated file, throws <see cref="InvalidDataException"/> naming the file and the problem.
    /// </summary>
    public static SafetensorsFile Read(string path) => SafetensorsReader.Read(path);

    /// <summary>
    /// Writes the file to <c>path.tmp</c>, flushes it to disk, then renames it to <paramref name="path"/>
    /// (replacing any file there), so a crash never leaves a file that looks complete. Throws
    /// <see cref="ArgumentException"/> when a name is empty, repeated or reserved, or a tensor's values
    /// do not fill its shape.
    /// </summary>
    public void Write(string path) => SafetensorsWriter.Write(this, path);
}
