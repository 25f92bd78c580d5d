using System.Collections.Immutable;
using Parquet;
using Superposition.Datasets.Manifests;
using Superposition.Datasets.Paths;
using Superposition.Datasets.Rows;
using Superposition.Rows;

namespace Superposition.Datasets;

/// <summary>
/// Writes a run as a dataset directory: cases.parquet, samples.parquet (when asked), thresholds.parquet
/// (for a threshold sweep) and manifest.json,
/// laid out as docs/dataset-schema.md describes. Everything is written under a <c>.tmp</c> name and
/// renamed at <see cref="CommitAsync"/> in an order that never shows cases of one commit beside samples of
/// another (see <see cref="Publish"/>), and every file carries the commit's <see cref="Generation"/> (in the
/// Parquet key-value metadata and in the manifest), which <see cref="DatasetReader.ReadDatasetAsync"/>
/// checks. An earlier dataset in the same directory stays intact until the commit replaces it, and the
/// temporary files are removed whatever happens short of a kill (and by the next run after one). No file
/// is created through a symbolic link (<see cref="DatasetPaths"/>). Cases are buffered (one small row each) and written at the commit; samples stream
/// to their temporary file as one row group per <see cref="WriteAsync"/>. Not thread-safe: the pipeline
/// calls it from one block.
/// </summary>
public sealed class ParquetDatasetSink : IDatasetSink
{
    private const int CaseRowGroupSize = 100_000;

    private readonly List<CaseRow> cases = [];
    private readonly List<ThresholdRow> thresholds = [];
    private readonly string casesPath;
    private readonly string samplesPath;
    private readonly string manifestPath;
    private readonly string thresholdsPath;
    private readonly string generation = Guid.NewGuid().ToString("N");
    private FileStream? samplesStream;
    private ParquetWriter? samplesWriter;
    private long sampleCount;
    private bool faulted;
    private bool committed;
    private bool disposed;

    private ParquetDatasetSink(string directory, bool writeSamples, string? part)
    {
        DatasetDirectory = directory;
        WritesSamples = writeSamples;
        casesPath = Path.Combine(directory, DatasetSchema.ParquetFileName(DatasetSchema.CasesTable, part));
        samplesPath = Path.Combine(directory, DatasetSchema.ParquetFileName(DatasetSchema.SamplesTable, part));
        manifestPath = Path.Combine(directory, DatasetSchema.ManifestFileName(part));
        thresholdsPath = Path.Combine(directory, DatasetSchema.ParquetFileName(DatasetSchema.ThresholdsTable, part));
    }

    /// <summary>The dataset directory (<c>DIR/&lt;sweep&gt;</c>) the sink writes into.</summary>
    public string DatasetDirectory { get; }

    /// <summary>Whether samples.parquet is written; when false, the samples passed to <see cref="WriteAsync"/> are ignored.</summary>
    public bool WritesSamples { get; }

    /// <summary>This commit's identity, written to every file it produces: files of one complete dataset share it.</summary>
    public string Generation => generation;

    /// <summary>Called with the name of each step of <see cref="CommitAsync"/> just before it runs, so tests can fault the commit between any two steps.</summary>
    internal Action<string>? StepHook { get; set; }

    /// <summary>
    /// Opens a sink on the dataset directory <paramref name="directory"/> (the caller appends the sweep
    /// name; the directory is created if missing). <paramref name="part"/> names one shard's files
    /// (<c>cases-{part}.parquet</c>, <c>manifest-{part}.json</c>) so shards of a sweep share a directory.
    /// </summary>
    public static ParquetDatasetSink Create(string directory, bool writeSamples, string? part = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (part is not null && (part.Length == 0 || !part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"part '{part}' must be letters, digits, '-', '_' or '.'", nameof(part));
        }
        var fullPath = Path.GetFullPath(directory);
        if (Path.GetDirectoryName(fullPath) is { } parent)
        {
            Directory.CreateDirectory(parent); // above the dataset directory: the user's path, links and all
        }
        DatasetPaths.EnsureDirectory(fullPath);
        var sink = new ParquetDatasetSink(fullPath, writeSamples, part);
        foreach (var path in sink.AllPaths)
        {
            DatasetPaths.DeleteFile(Temporary(path)); // left by an attempt that was killed mid-commit
        }
        return sink;
    }

    /// <summary>
    /// Buffers the case row and, when samples are on, appends <paramref name="samples"/> to the temporary
    /// samples file as one row group. Samples must belong to <paramref name="row"/>'s (case, replicate).
    /// After a failed write the sink only accepts <see cref="DisposeAsync"/>.
    /// </summary>
    public async ValueTask WriteAsync(CaseRow row, IReadOnlyList<SampleRow> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(samples);
        EnsureOpen();
        cancellationToken.ThrowIfCancellationRequested();
        if (WritesSamples && samples.Count > 0)
        {
            var stranger = samples.FirstOrDefault(sample => sample.CaseId != row.CaseId || sample.Replicate != row.Replicate);
            if (stranger is not null)
            {
                throw new ArgumentException($"sample {stranger.SampleIndex} belongs to ({stranger.CaseId}, {stranger.Replicate}), not to ({row.CaseId}, {row.Replicate})", nameof(samples));
            }
            try
            {
                var writer = samplesWriter ?? await OpenSamplesAsync(cancellationToken);
                await SampleColumns.Table.WriteRowGroupAsync(writer, samples, cancellationToken);
            }
            catch
            {
                faulted = true;
                throw;
            }
            sampleCount += samples.Count;
        }
        cases.Add(row);
    }

    /// <summary>Whether thresholds.parquet is written: once <see cref="AddThresholds"/> was called.</summary>
    public bool WritesThresholds { get; private set; }

    /// <summary>Buffers the rows of a threshold sweep's searches for thresholds.parquet, written at the commit.</summary>
    public void AddThresholds(IEnumerable<ThresholdRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        EnsureOpen();
        thresholds.AddRange(rows);
        WritesThresholds = true;
    }

    /// <summary>
    /// Writes cases.parquet and manifest.json under temporary names, finishes samples.parquet, then renames
    /// them all into place (see <see cref="Publish"/>). Called once; cancellation is honoured until the
    /// renames start.
    /// </summary>
    public async ValueTask CommitAsync(RunManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        EnsureOpen();
        try
        {
            var files = ImmutableArray.CreateBuilder<ManifestFile>();
            Step("write-cases");
            await WriteCasesAsync(cancellationToken);
            files.Add(new ManifestFile(Path.GetFileName(casesPath), DatasetSchema.CasesTable, cases.Count));
            if (WritesSamples)
            {
                Step("write-samples");
                await CloseSamplesAsync(cancellationToken);
                files.Add(new ManifestFile(Path.GetFileName(samplesPath), DatasetSchema.SamplesTable, sampleCount));
            }
            if (WritesThresholds)
            {
                Step("write-thresholds");
                await WriteTableAsync(thresholdsPath, ThresholdColumns.Table, thresholds, cancellationToken);
                files.Add(new ManifestFile(Path.GetFileName(thresholdsPath), DatasetSchema.ThresholdsTable, thresholds.Count));
            }
            Step("write-manifest");
            await WriteManifestAsync(ManifestDocument.From(manifest, generation, files.ToImmutable()), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            Publish();
            committed = true;
        }
        catch
        {
            faulted = true;
            throw;
        }
    }

    /// <summary>Without a commit, closes and deletes the temporary files; after a commit, does nothing more.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        try
        {
            if (samplesWriter is not null)
            {
                await samplesWriter.DisposeAsync();
            }
        }
        catch (Exception) when (!committed)
        {
            // The file is discarded below, so a footer that cannot be written does not matter.
        }
        finally
        {
            if (samplesStream is not null)
            {
                await samplesStream.DisposeAsync();
            }
            samplesWriter = null;
            samplesStream = null;
            if (!committed)
            {
                foreach (var path in AllPaths)
                {
                    if (new FileInfo(Temporary(path)).LinkTarget is null)
                    {
                        File.Delete(Temporary(path));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Makes the new files visible. The old manifest goes first (without it no reader takes the directory
    /// for a complete dataset), then the old samples and thresholds files, and only then does the new cases
    /// file replace the old one: so at every moment the cases, samples and thresholds files present belong to
    /// one commit (old cases with old samples, old cases alone, new cases alone, new cases with new samples
    /// and thresholds), and the new manifest,
    /// renamed last, marks the set complete. A reader that checks the manifest and the generation in each
    /// file (<see cref="DatasetReader.ReadDatasetAsync"/>) sees the old dataset, the new one, or none while
    /// the commit is in flight; never a mix. The journal is deleted only after this, so a commit killed
    /// half-way is redone by <c>run --resume</c>.
    /// </summary>
    private void Publish()
    {
        Step("delete-manifest");
        DatasetPaths.DeleteFile(manifestPath);
        Step("delete-samples");
        DatasetPaths.DeleteFile(samplesPath);
        Step("delete-thresholds");
        DatasetPaths.DeleteFile(thresholdsPath);
        Step("publish-cases");
        DatasetPaths.Replace(Temporary(casesPath), casesPath);
        if (WritesSamples)
        {
            Step("publish-samples");
            DatasetPaths.Replace(Temporary(samplesPath), samplesPath);
        }
        if (WritesThresholds)
        {
            Step("publish-thresholds");
            DatasetPaths.Replace(Temporary(thresholdsPath), thresholdsPath);
        }
        Step("publish-manifest");
        DatasetPaths.Replace(Temporary(manifestPath), manifestPath);
    }

    private void Step(string name) => StepHook?.Invoke(name);

    private string[] AllPaths => [casesPath, samplesPath, thresholdsPath, manifestPath];

    private Task WriteCasesAsync(CancellationToken cancellationToken) => WriteTableAsync(casesPath, CaseColumns.Table, cases, cancellationToken);

    /// <summary>Writes a buffered table to its temporary file, marked with this commit's generation.</summary>
    private async Task WriteTableAsync<TRow>(string finalPath, ColumnTable<TRow> table, List<TRow> rows, CancellationToken cancellationToken)
        where TRow : class, new()
    {
        await using var stream = CreateTemporary(finalPath);
        await using (var writer = await table.CreateWriterAsync(stream, cancellationToken))
        {
            Mark(writer);
            foreach (var chunk in rows.Chunk(CaseRowGroupSize))
            {
                await table.WriteRowGroupAsync(writer, chunk, cancellationToken);
            }
        }
        stream.Flush(flushToDisk: true);
    }

    private async Task<ParquetWriter> OpenSamplesAsync(CancellationToken cancellationToken)
    {
        samplesStream = CreateTemporary(samplesPath);
        samplesWriter = await SampleColumns.Table.CreateWriterAsync(samplesStream, cancellationToken);
        Mark(samplesWriter);
        return samplesWriter;
    }

    /// <summary>Finishes samples.parquet (footer and flush); a run without samples still gets a valid empty file.</summary>
    private async Task CloseSamplesAsync(CancellationToken cancellationToken)
    {
        var writer = samplesWriter ?? await OpenSamplesAsync(cancellationToken);
        samplesWriter = null;
        await writer.DisposeAsync();
        samplesStream!.Flush(flushToDisk: true);
        await samplesStream.DisposeAsync();
        samplesStream = null;
    }

    private async Task WriteManifestAsync(ManifestDocument document, CancellationToken cancellationToken)
    {
        await using var stream = CreateTemporary(manifestPath);
        await ManifestJson.WriteAsync(stream, document, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed)
        {
            throw new InvalidOperationException("the dataset is already committed");
        }
        if (faulted)
        {
            throw new InvalidOperationException("an earlier write or commit failed; dispose the sink");
        }
    }

    /// <summary>Adds this commit's generation to the file's key-value metadata, beside the schema version.</summary>
    private void Mark(ParquetWriter writer) => writer.CustomMetadata = new Dictionary<string, string>
    {
        [DatasetSchema.VersionKey] = DatasetSchema.Version,
        [DatasetSchema.GenerationKey] = generation,
    };

    private static FileStream CreateTemporary(string finalPath) =>
        DatasetPaths.CreateNew(Temporary(finalPath), FileAccess.ReadWrite, bufferSize: 1 << 16, FileOptions.Asynchronous);

    private static string Temporary(string finalPath) => finalPath + DatasetSchema.TemporarySuffix;
}
