using System.CommandLine;
using System.Text;

namespace Superposition.Cli;

/// <summary>
/// Checks, before anything runs, that an <c>--out</c> can receive what a verb writes, so a bad value costs
/// a second instead of a sweep, and is exit 2 rather than a failure after the work: an empty value, a name
/// longer than the file system allows, a file where a directory belongs (or the reverse), a directory that
/// cannot be written. Creates nothing that outlives the check: the probe file is deleted when closed.
/// </summary>
internal static class OutputCheck
{
    /// <summary>Longest file name on the file systems the tool runs on (NAME_MAX), in bytes.</summary>
    private const int MaxNameBytes = 255;

    /// <summary>Longest path (PATH_MAX less the terminating zero), in bytes.</summary>
    private const int MaxPathBytes = 4095;

    /// <summary>What each verb writes at its <c>--out</c>: a directory it creates (run, report) or a file (bounds, export).</summary>
    private static readonly Dictionary<string, bool> WritesDirectory = new(StringComparer.Ordinal)
    {
        ["run"] = true,
        ["report"] = true,
        ["bounds"] = false,
        ["export"] = false,
    };

    /// <summary>Why the <c>--out</c> of the parsed command cannot be used, or null (also when the verb has none or it was not given).</summary>
    public static string? ForCommand(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (!WritesDirectory.TryGetValue(command.Name, out var directory) || !command.Options.Any(o => o.Name == "--out"))
        {
            return null;
        }
        // Only a given --out: reading a required option that was not given throws (as with `export --help`).
        var given = parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().FirstOrDefault(r => r.Option.Name == "--out" && !r.Implicit);
        if (given?.GetValueOrDefault<string?>() is not { } value)
        {
            return null;
        }
        return directory ? Problem(value) : FileProblem(value);
    }

    /// <summary>Why <paramref name="datasetDirectory"/> cannot be created (if missing) and written, or null when it can.</summary>
    public static string? Problem(string datasetDirectory)
    {
        if (PathProblem(datasetDirectory, out var path) is { } bad)
        {
            return bad;
        }
        var existing = path;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"--out: {existing} is a file, so {path} cannot be created; nothing was run or written";
            }
            existing = Path.GetDirectoryName(existing);
            if (existing is null)
            {
                return $"--out: no existing directory above {path}; nothing was run or written";
            }
        }
        return ProbeProblem(existing);
    }

    /// <summary>Why a file cannot be written at <paramref name="file"/> (a directory there, or no writable directory to hold it), or null.</summary>
    public static string? FileProblem(string file)
    {
        if (PathProblem(file, out var path) is { } bad)
        {
            return bad;
        }
        if (Directory.Exists(path))
        {
            return $"--out: {path} is a directory; give a file name; nothing was run or written";
        }
        var parent = Path.GetDirectoryName(path);
        if (parent is null || !Directory.Exists(parent))
        {
            return $"--out: the directory of {path} does not exist (it is not created); nothing was run or written";
        }
        return ProbeProblem(parent);
    }

    /// <summary>An empty, malformed or over-long path; otherwise null, with its full form in <paramref name="path"/>.</summary>
    private static string? PathProblem(string value, out string path)
    {
        path = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            return "--out is empty; give a path (for example --out data); nothing was run or written";
        }
        try
        {
            path = Path.GetFullPath(value);
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"--out: '{value}' is not a usable path ({error.Message}); nothing was run or written";
        }
        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            return $"--out: the path is {Encoding.UTF8.GetByteCount(path)} bytes long, more than the {MaxPathBytes} a path may have; nothing was run or written";
        }
        var longName = path.Split(Path.DirectorySeparatorChar).FirstOrDefault(name => Encoding.UTF8.GetByteCount(name) > MaxNameBytes);
        return longName is null
            ? null
            : $"--out: the name '{longName[..20]}…' is {Encoding.UTF8.GetByteCount(longName)} bytes long, more than the {MaxNameBytes} a file or directory name may have; nothing was run or written";
    }

    private static string? ProbeProblem(string directory)
    {
        var probe = Path.Combine(directory, $".superposition-write-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"--out: cannot write in {directory} ({error.Message}); nothing was run or written";
        }
    }
}
