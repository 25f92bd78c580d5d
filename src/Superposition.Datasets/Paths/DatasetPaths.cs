namespace Superposition.Datasets.Paths;

/// <summary>
/// Creates the dataset directory, the journal directory and every file a run writes without following
/// symbolic links, so that a link planted in a (shared) dataset directory can never make a run write or
/// delete someone else's data. The rule: from the dataset directory (<c>DIR/&lt;sweep&gt;</c>) down,
/// nothing the run creates, writes, renames over or deletes may be a link; the directories above it are
/// the user's choice and are used as given. <see cref="Problems"/> checks every such path up front (so
/// the command line can refuse with exit 2); the create functions check again when they act, and create
/// files with <see cref="FileMode.CreateNew"/>, which fails on any existing name (a link included, even a
/// dangling one) and so closes the gap between a check and the create.
/// </summary>
public static class DatasetPaths
{
    /// <summary>Why <paramref name="path"/> cannot be used as a directory the run creates or enters, or null when it is missing or a real directory.</summary>
    public static string? DirectoryProblem(string path)
    {
        var info = new DirectoryInfo(path);
        if (info.LinkTarget is { } target)
        {
            return $"{path} is a symbolic link (to {target}); a run does not follow links inside the dataset directory. Remove the link";
        }
        if (File.Exists(path))
        {
            return $"{path} is a file where the run needs a directory. Remove or rename it";
        }
        return null;
    }

    /// <summary>Why <paramref name="path"/> cannot be a file the run writes, replaces or deletes, or null when it is missing or a regular file.</summary>
    public static string? FileProblem(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            return $"{path} is a symbolic link (to {target}); a run does not follow links inside the dataset directory. Remove the link";
        }
        if (Directory.Exists(path))
        {
            return $"{path} is a directory where the run writes a file. Remove or rename it";
        }
        return null;
    }

    /// <summary>
    /// Every problem with the paths a run of <paramref name="part"/> (null for a whole sweep) would touch
    /// in <paramref name="datasetDirectory"/>: the directory itself, its journal directory and the files
    /// in both. Empty when the run may go ahead.
    /// </summary>
    public static IReadOnlyList<string> Problems(string datasetDirectory, string? part)
    {
        var dataset = Path.GetFullPath(datasetDirectory);
        if (DirectoryProblem(dataset) is { } datasetProblem)
        {
            return [datasetProblem];
        }
        var problems = new List<string>();
        var journal = Path.Combine(dataset, Journals.RunJournal.DirectoryName(part));
        if (DirectoryProblem(journal) is { } journalProblem)
        {
            problems.Add(journalProblem);
        }
        else
        {
            problems.AddRange(Journals.RunJournal.FileNames.Select(name => FileProblem(Path.Combine(journal, name))).OfType<string>());
        }
        foreach (var name in DatasetFileNames(part))
        {
            problems.AddRange(new[] { FileProblem(Path.Combine(dataset, name)), FileProblem(Path.Combine(dataset, name + DatasetSchema.TemporarySuffix)) }.OfType<string>());
        }
        return problems;
    }

    /// <summary>The final names of the files a commit of <paramref name="part"/> writes, in the dataset directory.</summary>
    public static IReadOnlyList<string> DatasetFileNames(string? part) =>
    [
        DatasetSchema.ParquetFileName(DatasetSchema.CasesTable, part),
        DatasetSchema.ParquetFileName(DatasetSchema.SamplesTable, part),
        DatasetSchema.ManifestFileName(part),
    ];

    /// <summary>
    /// Creates <paramref name="path"/> as a directory if missing, and its missing parents; throws
    /// <see cref="UnsafePathException"/> when it is a link or a file, before and after creating it.
    /// </summary>
    public static void EnsureDirectory(string path)
    {
        ThrowIf(DirectoryProblem(path));
        Directory.CreateDirectory(path);
        ThrowIf(DirectoryProblem(path));
    }

    /// <summary>
    /// Opens a new file at <paramref name="path"/> for writing. A regular file already there is a leftover
    /// of an attempt that was cut short and is deleted first; a link or a directory there is refused.
    /// </summary>
    public static FileStream CreateNew(string path, FileAccess access = FileAccess.Write, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        DeleteFile(path);
        return new FileStream(path, FileMode.CreateNew, access, FileShare.None, bufferSize, options);
    }

    /// <summary>Deletes a regular file if present; refuses a link or a directory (deleting a link is harmless, but it means someone planted it).</summary>
    public static void DeleteFile(string path)
    {
        ThrowIf(FileProblem(path));
        File.Delete(path);
    }

    /// <summary>Renames <paramref name="source"/> (written by this run) to <paramref name="destination"/>, replacing a regular file there; refuses a link or a directory there.</summary>
    public static void Replace(string source, string destination)
    {
        ThrowIf(FileProblem(destination));
        File.Move(source, destination, overwrite: true);
    }

    private static void ThrowIf(string? problem)
    {
        if (problem is not null)
        {
            throw new UnsafePathException(problem);
        }
    }
}
