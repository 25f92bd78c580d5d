using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Superposition.Cli;

/// <summary>
/// Provenance recorded in every dataset: the tool version and the git commit the tool was built from.
/// The commit is embedded at build time (the EmbedBuildCommit target of Directory.Build.props writes
/// it into an assembly metadata attribute), so it names this binary's sources whatever directory the
/// tool runs in; a build outside a git repository records "unknown".
/// </summary>
internal static class ToolInfo
{
    /// <summary>The key of the assembly metadata attribute that holds the build commit.</summary>
    public const string CommitMetadataKey = "BuildCommit";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The commit the tool was built from (40 hex digits), or "unknown".</summary>
    public static string Commit { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == CommitMetadataKey)?.Value is { Length: > 0 } commit
            ? commit
            : "unknown";

    /// <summary>What <c>--version</c> prints.</summary>
    public static string VersionLine => $"superposition {Version} (commit {Commit})";

    /// <summary>The commit recorded in a run's manifest: the build's own, never the working directory's.</summary>
    public static string GitCommit() => Commit;

    /// <summary>Makes the root command's <c>--version</c> print <see cref="VersionLine"/> instead of the bare informational version.</summary>
    public static void UseVersionLine(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersion();
        }
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.Out.WriteLine(VersionLine);
            return 0;
        }
    }
}
