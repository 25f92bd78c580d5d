using System.Collections.Immutable;
using System.Text.Json;
using Superposition.Datasets.Paths;
using Superposition.Rows;

using Superposition.Sweeps;

namespace Superposition.Datasets.Journals;

/// <summary>
/// The progress journal of a run (docs/dataset-schema.md, "Journal"), so that a sweep killed at any moment
/// loses at most the runs in flight and <c>run --resume</c> continues where it stopped. It is a directory,
/// <c>DIR/&lt;sweep&gt;/.partial/</c> (<c>.partial-&lt;part&gt;/</c> for a shard), holding a header and one
/// small JSON file per finished (case, replicate), each written under a <c>.tmp</c> name, flushed to disk
/// and renamed, so an entry is complete or absent. The pipeline writes into it as its
/// <see cref="IDatasetSink"/>; <see cref="CommitAsync"/> then writes the dataset from the journal, every
/// run of the plan in plan order, through <see cref="ParquetDatasetSink"/>, and deletes the journal. So an
/// interrupted and resumed run commits exactly what an uninterrupted one would. Unlike the Parquet sink,
/// disposing without a commit keeps what was written (that is the point), unless nothing had finished.
/// A lock file keeps two processes from writing one journal. On resume every entry is read and checked
/// before anything runs; one that fails (unreadable, truncated, empty, or of another run) is set aside as
/// <c>run-….json.broken</c> and its run runs again (<see cref="SetAside"/>). Nothing is created through a
/// symbolic link (<see cref="DatasetPaths"/>). Not thread-safe, except <see cref="Abandon"/>: one pipeline
/// block calls it.
/// </summary>
public sealed class RunJournal : IDatasetSink
{
    /// <summary>The header's file name; a journal directory without it is no journal (it was being created or deleted).</summary>
    public const string HeaderFileName = JournalFiles.HeaderFileName;

    private readonly ImmutableArray<RunKey> plan;
    private readonly HashSet<RunKey> finished;
    private readonly string? createdRoot;
    private readonly Lock gate = new();
    private FileStream? lockStream;
    private bool committed;
    private bool disposed;

    private RunJournal(string datasetDirectory, string journalDirectory, JournalHeader header, ImmutableArray<RunKey> plan, HashSet<RunKey> finished, FileStream lockStream, string? createdRoot, IReadOnlyList<string> setAside)
    {
        DatasetDirectory = datasetDirectory;
        JournalDirectory = journalDirectory;
        Header = header;
        this.plan = plan;
        this.finished = finished;
        this.lockStream = lockStream;
        this.createdRoot = createdRoot;
        SetAside = setAside;
    }

    /// <summary>The dataset directory (<c>DIR/&lt;sweep&gt;</c>) the commit writes into.</summary>
    public string DatasetDirectory { get; }

    /// <summary>The journal's own directory inside <see cref="DatasetDirectory"/>.</summary>
    public string JournalDirectory { get; }

    public JournalHeader Header { get; }

    /// <summary>The runs of the plan whose entries are on disk.</summary>
    public IReadOnlySet<RunKey> Finished => finished;

    /// <summary>Entries of an earlier attempt that failed their checks when the journal was opened: each "file: reason"; their runs run again.</summary>
    public IReadOnlyList<string> SetAside { get; }

    /// <summary>The rows of the committed dataset, in plan order; empty before <see cref="CommitAsync"/>.</summary>
    public IReadOnlyList<CaseRow> CommittedRows { get; private set; } = [];

    /// <summary>The names of the files the journal itself writes in its directory (besides its entries).</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [JournalFiles.HeaderFileName, JournalFiles.HeaderFileName + DatasetSchema.TemporarySuffix, JournalFiles.LockFileName];

    /// <summary><c>.partial</c>, or <c>.partial-{part}</c> for one shard, so shards of a sweep sharing a directory keep separate journals.</summary>
    public static string DirectoryName(string? part) => part is null ? ".partial" : $".partial-{part}";

    /// <summary>
    /// The journal of <paramref name="part"/> in <paramref name="datasetDirectory"/> as found on disk, or null
    /// when there is none. A header that cannot be used gives a state with a null header and the reason in
    /// <see cref="JournalState.HeaderProblem"/>. Changes nothing.
    /// </summary>
    public static JournalState? Inspect(string datasetDirectory, string? part)
    {
        var directory = Path.Combine(Path.GetFullPath(datasetDirectory), DirectoryName(part));
        var headerPath = Path.Combine(directory, HeaderFileName);
        if (!Path.Exists(headerPath) && new FileInfo(headerPath).LinkTarget is null)
        {
            return null;
        }
        var (header, problem) = JournalFiles.ReadHeader(headerPath);
        var count = System.IO.Directory.EnumerateFiles(directory, JournalFiles.EntryPrefix + "*" + JournalFiles.EntryExtension).Count(path => JournalFiles.TryParseEntry(Path.GetFileName(path), out _));
        return new JournalState(directory, header, count, problem);
    }

    /// <summary>
    /// Opens the journal for a run of <paramref name="plan"/> (the runs the commit will write, in order),
    /// creating directories as needed and taking the lock (an <see cref="IOException"/> when another process
    /// holds it, an <see cref="UnsafePathException"/> when a link is in the way). With
    /// <paramref name="keepFinished"/> the entries of an earlier attempt are read and checked, and those that
    /// pass count as finished, and an existing header is kept (pass that header, so the manifest keeps the
    /// first start time); without it, anything already there is discarded and the journal starts empty.
    /// </summary>
    public static RunJournal Open(string datasetDirectory, JournalHeader header, IEnumerable<RunKey> plan, bool keepFinished)
    {
        ArgumentNullException.ThrowIfNull(header);
        var dataset = Path.GetFullPath(datasetDirectory);
        var directory = Path.Combine(dataset, DirectoryName(header.Part));
        var createdRoot = FirstMissingAncestor(dataset);
        if (Path.GetDirectoryName(dataset) is { } parent)
        {
            System.IO.Directory.CreateDirectory(parent); // above the dataset directory: the user's path, links and all
        }
        DatasetPaths.EnsureDirectory(dataset);
        DatasetPaths.EnsureDirectory(directory);
        var lockStream = TakeLock(directory);
        try
        {
            var keys = plan.ToImmutableArray();
            var headerPath = Path.Combine(directory, HeaderFileName);
            if (!keepFinished)
            {
                DatasetPaths.DeleteFile(headerPath); // first: a kill while clearing leaves no journal rather than half of one
            }
            var finished = new HashSet<RunKey>();
            var setAside = new List<string>();
            var planned = keys.ToHashSet();
            foreach (var path in System.IO.Directory.EnumerateFiles(directory).ToList())
            {
                var name = Path.GetFileName(path);
                if (name is JournalFiles.LockFileName or JournalFiles.HeaderFileName)
                {
                    continue;
                }
                if (keepFinished && JournalFiles.TryParseEntry(name, out var key) && planned.Contains(key))
                {
                    if (Check(path, key, header) is { } problem)
                    {
                        File.Move(path, path + JournalFiles.SetAsideSuffix, overwrite: true); // a rename never follows a link
                        setAside.Add(problem);
                    }
                    else
                    {
                        finished.Add(key);
                    }
                }
                else if (!keepFinished || name.EndsWith(DatasetSchema.TemporarySuffix, StringComparison.Ordinal))
                {
                    File.Delete(path); // a write cut short, or an entry of the discarded attempt (a link is unlinked, never followed)
                }
            }
            if (!File.Exists(headerPath))
            {
                WriteDurably(headerPath, stream => JsonSerializer.Serialize(stream, header, JournalJson.Options));
            }
            return new RunJournal(dataset, directory, header, keys, finished, lockStream, createdRoot, setAside);
        }
        catch
        {
            lockStream.Dispose();
            throw;
        }
    }

    /// <summary>Records a finished run: its entry is on disk, complete, when this returns.</summary>
    public async ValueTask WriteAsync(CaseRow row, IReadOnlyList<SampleRow> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(samples);
        EnsureOpen();
        var key = new RunKey(new CaseId(row.CaseId), row.Replicate);
        var path = Path.Combine(JournalDirectory, JournalFiles.EntryName(key));
        var temporary = path + DatasetSchema.TemporarySuffix;
        try
        {
            await using (var stream = DatasetPaths.CreateNew(temporary, bufferSize: 1 << 16, options: FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, new JournalEntry(row, Header.Samples ? samples : []), JournalJson.Options, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            lock (gate)
            {
                if (disposed)
                {
                    throw new ObjectDisposedException(nameof(RunJournal), "the journal was abandoned while the entry was written");
                }
                DatasetPaths.Replace(temporary, path);
                finished.Add(key);
            }
        }
        catch
        {
            if (new FileInfo(temporary).LinkTarget is null)
            {
                File.Delete(temporary);
            }
            throw;
        }
    }

    /// <summary>
    /// Writes the dataset: every run of the plan from its entry, in plan order, through a
    /// <see cref="ParquetDatasetSink"/> (which makes its files visible only when all are written), with
    /// <paramref name="manifest"/>'s start time and per-run statuses taken from the journal; then deletes the
    /// journal. Throws <see cref="InvalidOperationException"/> when a run of the plan has not finished and
    /// <see cref="InvalidDataException"/> for an entry changed since it was checked; the journal is kept then.
    /// </summary>
    public async ValueTask CommitAsync(RunManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        EnsureOpen();
        var missing = plan.Where(key => !finished.Contains(key)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{missing.Count} run(s) of the plan have not finished, for example {missing[0]}");
        }
        var rows = new List<CaseRow>(plan.Length);
        await using (var sink = ParquetDatasetSink.Create(DatasetDirectory, Header.Samples, Header.Part))
        {
            foreach (var key in plan)
            {
                var path = Path.Combine(JournalDirectory, JournalFiles.EntryName(key));
                JournalEntry entry;
                try
                {
                    entry = await JournalFiles.ReadEntryAsync(path, key, Header, cancellationToken);
                }
                catch (InvalidDataException error)
                {
                    throw new InvalidDataException($"{error.Message}; resume to run {key} again (the entry will be set aside)", error);
                }
                await sink.WriteAsync(entry.Row, entry.Samples, cancellationToken);
                rows.Add(entry.Row);
            }
            var statuses = rows.Select(row => new CaseStatus(row.CaseId, row.Replicate, row.Status, row.Error)).ToImmutableArray();
            await sink.CommitAsync(manifest with { StartedAt = Header.StartedAt, Cases = statuses }, cancellationToken);
        }
        committed = true;
        CommittedRows = rows;
        ReleaseLock();
        try
        {
            File.Delete(Path.Combine(JournalDirectory, HeaderFileName)); // first: a kill while deleting leaves no journal
            System.IO.Directory.Delete(JournalDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The dataset is committed; a journal left behind only makes a later --resume commit it again.
        }
    }

    /// <summary>
    /// For a process that must exit now (a signal during a long build): as <see cref="DisposeAsync"/>, callable
    /// from any thread while the pipeline may still be writing. An entry whose write is in flight is lost.
    /// </summary>
    public void Abandon()
    {
        lock (gate)
        {
            Close();
        }
    }

    /// <summary>Releases the lock. Keeps the journal unless nothing finished; then removes it and any directory it created.</summary>
    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            Close();
        }
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        ReleaseLock();
        if (!committed && finished.Count == 0)
        {
            try
            {
                System.IO.Directory.Delete(JournalDirectory, recursive: true);
                RemoveEmptyDirectories(DatasetDirectory, createdRoot);
            }
            catch (IOException)
            {
                // Another attempt took the directory over; it is its to clean.
            }
        }
    }

    /// <summary>Null when the entry at <paramref name="path"/> holds run <paramref name="key"/> of this journal, else the file and what is wrong.</summary>
    private static string? Check(string path, RunKey key, JournalHeader header)
    {
        try
        {
            JournalFiles.ReadEntryAsync(path, key, header, CancellationToken.None).GetAwaiter().GetResult();
            return null;
        }
        catch (InvalidDataException error)
        {
            return error.Message;
        }
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed)
        {
            throw new InvalidOperationException("the dataset is already committed");
        }
    }

    private void ReleaseLock()
    {
        lockStream?.Dispose();
        lockStream = null;
    }

    private static FileStream TakeLock(string directory)
    {
        var path = Path.Combine(directory, JournalFiles.LockFileName);
        if (DatasetPaths.FileProblem(path) is { } problem)
        {
            throw new UnsafePathException(problem);
        }
        try
        {
            // FileShare.None takes an exclusive advisory lock on Unix; the kernel drops it when the process dies.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error)
        {
            throw new IOException($"{directory} is in use by another run of this sweep ({error.Message})", error);
        }
    }

    private static void WriteDurably(string path, Action<Stream> write)
    {
        var temporary = path + DatasetSchema.TemporarySuffix;
        using (var stream = DatasetPaths.CreateNew(temporary))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        DatasetPaths.Replace(temporary, path);
    }

    /// <summary>The highest ancestor of <paramref name="path"/> (or the path itself) that does not exist yet, or null.</summary>
    private static string? FirstMissingAncestor(string path)
    {
        string? missing = null;
        for (var current = path; current is not null && !System.IO.Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing = current;
        }
        return missing;
    }

    /// <summary>Removes <paramref name="directory"/> and its parents up to <paramref name="root"/> while they are empty: what an attempt that finished nothing created.</summary>
    private static void RemoveEmptyDirectories(string directory, string? root)
    {
        if (root is null)
        {
            return;
        }
        for (var current = directory; current is not null && current.StartsWith(root, StringComparison.Ordinal); current = Path.GetDirectoryName(current))
        {
            if (System.IO.Directory.EnumerateFileSystemEntries(current).Any())
            {
                return;
            }
            System.IO.Directory.Delete(current);
            if (current == root)
            {
                return;
            }
        }
    }
}
