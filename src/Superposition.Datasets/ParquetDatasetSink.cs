using System.Collections.Immutable;
using Parquet;
using Superposition.Datasets.Manifests;
using Superposition.Datasets.Rows;
using Superposition.Rows;

namespace Superposition.Datasets;

/// <summary>
/// Writes a run as a dataset directory: cases.parquet, samples.parquet (when asked) and manifest.json,
/// laid out as docs/dataset-schema.md describes. Everything is written under a <c>.tmp</c> name and
/// renamed at <see cref="CommitAsync"/>, manifest last, so a crash or a fault never leaves a file a reader
/// would take as a complete dataset, and an earlier dataset in the same directory stays intact until the
/// commit replaces it. Cases are buffered (one small row each) and written at the commit; samples stream
/// to their temporary file as one row group per <see cref="WriteAsync"/>. Not thread-safe: the pipeline
/// calls it from one block.
/// </summary>
public sealed class ParquetDatasetSink : IDatasetSink
{
    private const int CaseRowGroupSize = 100_000;

    private readonly List<CaseRow> cases = [];
    private readonly string casesPath;
    private readonly string samplesPath;
    private readonly string manifestPath;
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
    }

    /// <summary>The dataset directory (<c>DIR/&lt;sweep&gt;</c>) the sink writes into.</summary>
    public string DatasetDirectory { get; }

    /// <summary>Whether samples.parquet is written; when false, the samples passed to <see cref="WriteAsync"/> are ignored.</summary>
    public bool WritesSamples { get; }

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
        Directory.CreateDirectory(fullPath);
        return new ParquetDatasetSink(fullPath, writeSamples, part);
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
            await WriteCasesAsync(cancellationToken);
            files.Add(new ManifestFile(Path.GetFileName(casesPath), DatasetSchema.CasesTable, cases.Count));
            if (WritesSamples)
            {
                await CloseSamplesAsync(cancellationToken);
                files.Add(new ManifestFile(Path.GetFileName(samplesPath), DatasetSchema.SamplesTable, sampleCount));
            }
            await WriteManifestAsync(ManifestDocument.From(manifest, files.ToImmutable()), cancellationToken);
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
                File.Delete(Temporary(casesPath));
                File.Delete(Temporary(samplesPath));
                File.Delete(Temporary(manifestPath));
            }
        }
    }

    /// <summary>
    /// Renames the temporary files to their final names. The old manifest goes first and the new one comes
    /// last, so while the data files are being swapped the directory has no manifest: a reader that finds
    /// manifest.json finds the files it lists. A stale samples file of an earlier run that this run does not
    /// replace is removed, since it would contradict the new cases.
    /// </summary>
    private void Publish()
    {
        File.Delete(manifestPath);
        File.Move(Temporary(casesPath), casesPath, overwrite: true);
        if (WritesSamples)
        {
            File.Move(Temporary(samplesPath), samplesPath, overwrite: true);
        }
        else
        {
            File.Delete(samplesPath);
        }
        File.Move(Temporary(manifestPath), manifestPath, overwrite: true);
    }

    private async Task WriteCasesAsync(CancellationToken cancellationToken)
    {
        await using var stream = CreateTemporary(casesPath);
        await using (var writer = await CaseColumns.Table.CreateWriterAsync(stream, cancellationToken))
        {
            foreach (var chunk in cases.Chunk(CaseRowGroupSize))
            {
                await CaseColumns.Table.WriteRowGroupAsync(writer, chunk, cancellationToken);
            }
        }
        stream.Flush(flushToDisk: true);
    }

    private async Task<ParquetWriter> OpenSamplesAsync(CancellationToken cancellationToken)
    {
        samplesStream = CreateTemporary(samplesPath);
        samplesWriter = await SampleColumns.Table.CreateWriterAsync(samplesStream, cancellationToken);
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

    private static FileStream CreateTemporary(string finalPath) =>
        new(Temporary(finalPath), FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous);

    private static string Temporary(string finalPath) => finalPath + DatasetSchema.TemporarySuffix;
}
