namespace Superposition.Cli.Tests.Support;

/// <summary>Locates files of this repository (specs in pipelines/) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Pipeline(string name) => Path.Combine(Root, "pipelines", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Superposition.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("cannot find Superposition.sln above the test folder");
    }
}
