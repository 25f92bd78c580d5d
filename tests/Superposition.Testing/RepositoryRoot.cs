namespace Superposition.Testing;

/// <summary>The checkout the tests run from: the directory holding Superposition.sln, found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Superposition.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no Superposition.sln above {AppContext.BaseDirectory}");
    }
}
