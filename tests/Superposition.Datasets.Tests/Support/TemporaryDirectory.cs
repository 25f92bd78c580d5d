namespace Superposition.Datasets.Tests.Support;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("superposition-datasets-").FullName;

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>File names in the directory, sorted.</summary>
    public string[] FileNames(string subdirectory = "") =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, subdirectory)).Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
