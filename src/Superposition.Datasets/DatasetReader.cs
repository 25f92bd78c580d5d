using Parquet;
using Superposition.Datasets.Manifests;
using Superposition.Datasets.Rows;
using Superposition.Rows;

namespace Superposition.Datasets;

/// <summary>
/// Reads a dataset's Parquet files back into rows, through the same column tables the sink writes with,
/// so a round trip is exact (NaN, ±∞, null error, uint64 seeds). For tests and tools such as report;
/// analysis belongs in pandas, Polars or DuckDB. Files of another schema_version are refused.
/// </summary>
public static class DatasetReader
{
    /// <summary>Reads a cases.parquet file (or one shard's cases-{part}.parquet).</summary>
    public static async Task<IReadOnlyList<CaseRow>> ReadCasesAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        return await CaseColumns.Table.ReadAsync(reader, cancellationToken);
    }

    /// <summary>Reads a samples.parquet file (or one shard's samples-{part}.parquet).</summary>
    public static async Task<IReadOnlyList<SampleRow>> ReadSamplesAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        return await SampleColumns.Table.ReadAsync(reader, cancellationToken);
    }

    /// <summary>Reads a thresholds.parquet file.</summary>
    public static async Task<IReadOnlyList<ThresholdRow>> ReadThresholdsAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        return await ThresholdColumns.Table.ReadAsync(reader, cancellationToken);
    }

    /// <summary>
    /// Reads the dataset of <paramref name="part"/> (null for a whole sweep) in <paramref name="directory"/>
    /// only when it is complete: its manifest exists, lists the files, and every listed file exists with
    /// the manifest's generation in its metadata and the row count the manifest says. Otherwise throws
    /// <see cref="InvalidDataException"/> saying why (no manifest: a commit is in flight or was cut short,
    /// and <c>run --resume</c> finishes it). This is the rule docs/dataset-schema.md gives for any reader.
    /// </summary>
    public static async Task<CompleteDataset> ReadDatasetAsync(string directory, string? part = null, CancellationToken cancellationToken = default)
    {
        var manifestPath = Path.Combine(directory, DatasetSchema.ManifestFileName(part));
        if (!File.Exists(manifestPath))
        {
            throw new InvalidDataException($"{directory}: no {Path.GetFileName(manifestPath)}, so no complete dataset (a commit is in flight or was cut short)");
        }
        ManifestDocument manifest;
        await using (var stream = File.OpenRead(manifestPath))
        {
            manifest = await ManifestJson.ReadAsync(stream, cancellationToken) ?? throw new InvalidDataException($"{manifestPath} is empty");
        }
        IReadOnlyList<CaseRow> cases = [];
        IReadOnlyList<SampleRow> samples = [];
        IReadOnlyList<ThresholdRow> thresholds = [];
        foreach (var file in manifest.Files.IsDefault ? [] : manifest.Files)
        {
            var path = Path.Combine(directory, file.Name);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{directory}: the manifest lists {file.Name}, which is missing");
            }
            await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
            var generation = reader.CustomMetadata.GetValueOrDefault(DatasetSchema.GenerationKey);
            if (generation != manifest.Generation)
            {
                throw new InvalidDataException($"{path} is of generation '{generation ?? "(none)"}', the manifest of '{manifest.Generation}': files of two commits");
            }
            long count;
            if (file.Table == DatasetSchema.CasesTable)
            {
                cases = await CaseColumns.Table.ReadAsync(reader, cancellationToken);
                count = cases.Count;
            }
            else if (file.Table == DatasetSchema.ThresholdsTable)
            {
                thresholds = await ThresholdColumns.Table.ReadAsync(reader, cancellationToken);
                count = thresholds.Count;
            }
            else
            {
                samples = await SampleColumns.Table.ReadAsync(reader, cancellationToken);
                count = samples.Count;
            }
            if (count != file.Rows)
            {
                throw new InvalidDataException($"{path} holds {count} rows, the manifest says {file.Rows}");
            }
        }
        return new CompleteDataset(manifest.Generation, cases, samples, thresholds);
    }
}
