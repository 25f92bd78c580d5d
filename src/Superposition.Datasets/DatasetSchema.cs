namespace Superposition.Datasets;

/// <summary>
/// Names and version of the dataset layout (docs/dataset-schema.md), in one place so that the writer,
/// the reader and tools agree. Bump <see cref="Version"/> whenever a column is renamed, retyped or removed.
/// </summary>
public static class DatasetSchema
{
    /// <summary>The layout version written to every Parquet file's key-value metadata and to the manifest.</summary>
    public const string Version = "1";

    /// <summary>The key of <see cref="Version"/> in the Parquet file metadata.</summary>
    public const string VersionKey = "schema_version";

    /// <summary>
    /// The key of a commit's generation in the Parquet file metadata (the manifest's <c>generation</c>):
    /// the files of one complete dataset carry the same value, so a reader can tell them from a mix.
    /// </summary>
    public const string GenerationKey = "generation";

    public const string CasesTable = "cases";

    public const string SamplesTable = "samples";

    /// <summary>One row per threshold search, written by a sweep with a <c>threshold</c> section.</summary>
    public const string ThresholdsTable = "thresholds";

    public const string Manifest = "manifest";

    /// <summary>Appended to a file's final name while it is written; the rename at commit drops it.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>The Parquet file name of a table: <c>cases.parquet</c>, or <c>cases-{part}.parquet</c> for one shard.</summary>
    public static string ParquetFileName(string table, string? part = null) => FileName(table, part, ".parquet");

    /// <summary>The manifest file name: <c>manifest.json</c>, or <c>manifest-{part}.json</c> for one shard.</summary>
    public static string ManifestFileName(string? part = null) => FileName(Manifest, part, ".json");

    private static string FileName(string stem, string? part, string extension) =>
        part is null ? stem + extension : $"{stem}-{part}{extension}";
}
