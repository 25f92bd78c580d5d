namespace Superposition.Cli;

/// <summary>
/// Checks, before anything runs, that the dataset directory can be created and written, so a bad
/// <c>--out</c> costs a second instead of a sweep. Creates nothing that outlives the check: the probe file
/// is deleted when closed.
/// </summary>
internal static class OutputCheck
{
    /// <summary>Why <paramref name="datasetDirectory"/> cannot receive a dataset, or null when it can.</summary>
    public static string? Problem(string datasetDirectory)
    {
        string path;
        try
        {
            path = Path.GetFullPath(datasetDirectory);
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"--out: '{datasetDirectory}' is not a usable path ({error.Message}); nothing was run or written";
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
        var probe = Path.Combine(existing, $".superposition-write-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"--out: cannot write in {existing} ({error.Message}); nothing was run or written";
        }
    }
}
