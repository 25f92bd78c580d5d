using System.Globalization;
using System.Text.Json;
using Superposition.Datasets.Paths;

using Superposition.Sweeps;

namespace Superposition.Datasets.Journals;

/// <summary>
/// The files of a journal directory: their names, and reading the header and the entries back with every
/// check a resumed run relies on, so that a broken file is found when the run starts, not at its commit.
/// </summary>
internal static class JournalFiles
{
    public const string HeaderFileName = "journal.json";
    public const string LockFileName = "lock";
    public const string EntryPrefix = "run-";
    public const string EntryExtension = ".json";

    /// <summary>Appended to an entry that fails its checks on resume: kept for a look, never read again, deleted with the journal.</summary>
    public const string SetAsideSuffix = ".broken";

    public static string EntryName(RunKey key)
    {
        if (!key.CaseId.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"case id '{key.CaseId}' cannot name a journal entry", nameof(key));
        }
        return string.Create(CultureInfo.InvariantCulture, $"{EntryPrefix}{key.CaseId}-{key.Replicate}{EntryExtension}");
    }

    public static bool TryParseEntry(string name, out RunKey key)
    {
        key = default;
        if (!name.StartsWith(EntryPrefix, StringComparison.Ordinal) || !name.EndsWith(EntryExtension, StringComparison.Ordinal))
        {
            return false;
        }
        var body = name[EntryPrefix.Length..^EntryExtension.Length];
        var dash = body.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(body[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var replicate))
        {
            return false;
        }
        key = new RunKey(new CaseId(body[..dash]), replicate);
        return true;
    }

    /// <summary>The header at <paramref name="path"/>, or why it cannot be used (unreadable, not JSON, or missing a field).</summary>
    public static (JournalHeader? Header, string? Problem) ReadHeader(string path)
    {
        if (DatasetPaths.FileProblem(path) is { } unsafePath)
        {
            return (null, unsafePath);
        }
        JournalHeader? header;
        try
        {
            header = JsonSerializer.Deserialize<JournalHeader>(File.ReadAllText(path), JournalJson.Options);
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return (null, $"{path} is not a journal header ({error.Message})");
        }
        // The deserializer fills what the text lacks with nulls and defaults, so "{}" reads as a header of nothing.
        var missing = new List<string>();
        if (header is null)
        {
            return (null, $"{path} is not a journal header (it holds null)");
        }
        if (string.IsNullOrEmpty(header.Sweep))
        {
            missing.Add("sweep");
        }
        if (string.IsNullOrEmpty(header.SpecHash))
        {
            missing.Add("spec_hash");
        }
        if (string.IsNullOrEmpty(header.ToolVersion))
        {
            missing.Add("tool_version");
        }
        if (header.StartedAt == default)
        {
            missing.Add("started_at");
        }
        if (header.Runs < 0)
        {
            missing.Add("runs (negative)");
        }
        return missing.Count == 0 ? (header, null) : (null, $"{path} is not a complete journal header (missing or invalid: {string.Join(", ", missing)})");
    }

    /// <summary>
    /// Reads the entry of <paramref name="key"/> at <paramref name="path"/> and checks that it belongs to
    /// the journal of <paramref name="header"/>: its row is that run of that sweep and spec, and its samples
    /// are that run's. Throws <see cref="InvalidDataException"/> saying what is wrong.
    /// </summary>
    public static async Task<JournalEntry> ReadEntryAsync(string path, RunKey key, JournalHeader header, CancellationToken cancellationToken)
    {
        if (DatasetPaths.FileProblem(path) is { } unsafePath)
        {
            throw new InvalidDataException(unsafePath);
        }
        JournalEntry? entry;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            entry = await JsonSerializer.DeserializeAsync<JournalEntry>(stream, JournalJson.Options, cancellationToken);
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidDataException($"journal entry {path} is unreadable ({error.Message})", error);
        }
        if (entry?.Row is not { } row || row.CaseId != key.CaseId.Value || row.Replicate != key.Replicate)
        {
            throw new InvalidDataException($"journal entry {path} does not hold run {key}");
        }
        if (row.Sweep != header.Sweep || row.SpecHash != header.SpecHash)
        {
            throw new InvalidDataException($"journal entry {path} belongs to another run (sweep '{row.Sweep}', spec hash '{row.SpecHash}'), not to this journal's (sweep '{header.Sweep}', spec hash '{header.SpecHash}')");
        }
        var samples = entry.Samples ?? [];
        if (samples.Any(sample => sample is null || sample.CaseId != key.CaseId.Value || sample.Replicate != key.Replicate))
        {
            throw new InvalidDataException($"journal entry {path} holds samples of another run than {key}");
        }
        return entry with { Samples = samples };
    }
}
