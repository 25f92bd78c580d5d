namespace Superposition.Cli.Tests.Support;

/// <summary>Locates files of this repository (specs in pipelines/) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root => Superposition.Testing.RepositoryRoot.Path;

    public static string Pipeline(string name) => Path.Combine(Root, "pipelines", name);
}
