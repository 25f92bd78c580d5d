using System.Collections.Concurrent;
using Superposition.Constructions;
using Superposition.Datasets.Safetensors;

namespace Superposition.Cli;

/// <summary>
/// The file construction's loader for one spec: a path is resolved against the spec's directory and
/// read with the Datasets readers (either format); each file is read and hashed once per process.
/// </summary>
internal static class NetworkFileLoading
{
    private static readonly ConcurrentDictionary<(string Path, DateTime Written, long Length), ImportedNetwork> Cache = new();

    /// <summary>Installs the loader for a spec at <paramref name="specPath"/>.</summary>
    public static void InstallFor(string specPath) =>
        FileConstruction.Loader = Relative(Path.GetDirectoryName(Path.GetFullPath(specPath)) ?? ".");

    public static Func<string, ImportedNetwork> Relative(string directory) => path =>
    {
        var full = Path.GetFullPath(path, directory);
        if (!File.Exists(full))
        {
            return ImportedNetwork.Failed($"no network file at {full}");
        }
        var info = new FileInfo(full);
        return Cache.GetOrAdd((full, info.LastWriteTimeUtc, info.Length), key => Load(key.Path));
    };

    private static ImportedNetwork Load(string path)
    {
        try
        {
            var file = NetworkFiles.Read(path);
            return new ImportedNetwork(file.Network, NetworkFiles.ContentHash(path), null);
        }
        catch (InvalidDataException error)
        {
            return ImportedNetwork.Failed(error.Message);
        }
        catch (IOException error)
        {
            return ImportedNetwork.Failed($"{path}: cannot read the file: {error.Message}");
        }
        catch (UnauthorizedAccessException error)
        {
            return ImportedNetwork.Failed($"{path}: cannot read the file: {error.Message}");
        }
    }
}
