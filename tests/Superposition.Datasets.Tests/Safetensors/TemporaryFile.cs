namespace Superposition.Datasets.Tests.Safetensors;

/// <summary>A unique path under the system temp folder; deleted (with its ".tmp" sibling) on dispose.</summary>
internal sealed class TemporaryFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"superposition-test-{Guid.NewGuid():N}.safetensors");

    public void Dispose()
    {
        File.Delete(Path);
        File.Delete(Path + ".tmp");
    }
}
