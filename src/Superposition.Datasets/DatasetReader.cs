using Parquet;
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
}
