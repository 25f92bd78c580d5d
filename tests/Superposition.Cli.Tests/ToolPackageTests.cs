using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// `dotnet pack` of the CLI makes a .NET tool package, and `dotnet tool install` from it gives a
/// working `superposition` command (installed into a temporary --tool-path, from a local source only).
/// </summary>
public class ToolPackageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    [Fact]
    public void The_packed_tool_installs_and_prints_its_version()
    {
        using var directory = new TemporaryDirectory();
        var packages = directory["nupkg"];
        var tools = directory["tools"];
        // Pack what the tests were built from (same configuration, no second build on a loaded machine).
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var project = Path.Combine(RepositoryFiles.Root, "src", "Superposition.Cli", "Superposition.Cli.csproj");
        var pack = Processes.Run(Processes.Dotnet, ["pack", project, "-c", configuration, "--no-build", "-o", packages], directory.Path, Timeout);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        var package = Assert.Single(Directory.GetFiles(packages, "Superposition.Cli.*.nupkg"));

        // Only the local folder as a package source, so the install needs no network.
        File.WriteAllText(directory["nuget.config"], $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var install = Processes.Run(Processes.Dotnet, ["tool", "install", "Superposition.Cli", "--tool-path", tools, "--configfile", directory["nuget.config"]], directory.Path, Timeout);
        Assert.True(install.ExitCode == 0, install.Output + install.Error);

        var version = Processes.Run(Path.Combine(tools, "superposition"), ["--version"], directory.Path, Timeout);
        Assert.True(version.ExitCode == 0, version.Error);
        Assert.Equal($"superposition {ToolInfo.Version} (commit {ToolInfo.Commit})", version.Output.Trim());
        Assert.Contains(ToolInfo.Version, Path.GetFileName(package), StringComparison.Ordinal);
    }
}
