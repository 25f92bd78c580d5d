using DuckDB.NET.Data;
using Superposition.Datasets;
using Superposition.Rows;

namespace Superposition.Cli.Tests.Support;

/// <summary>Reading datasets back: with the project's reader for exact comparisons, with a real DuckDB for what users run.</summary>
internal static class DatasetFiles
{
    /// <summary>Timing columns are measurements; everything else must be reproducible.</summary>
    public static CaseRow WithoutTiming(CaseRow row) => row with { BuildSeconds = 0, EvalSeconds = 0, SamplesPerSecond = 0, TrainingSeconds = row.TrainingSeconds is null ? null : 0 };

    public static async Task<List<CaseRow>> CasesAsync(string path) => [.. (await DatasetReader.ReadCasesAsync(path)).Select(WithoutTiming)];

    /// <summary>Samples as comparable tuples (lists joined), in file order.</summary>
    public static async Task<List<string>> SamplesAsync(string path) =>
        [.. (await DatasetReader.ReadSamplesAsync(path)).Select(s =>
            $"{s.CaseId}/{s.Replicate}/{s.SampleIndex}: [{string.Join(',', s.ActiveInputs)}] {s.TrueOutputCount} +[{string.Join(',', s.FalsePositiveOutputs)}] -[{string.Join(',', s.FalseNegativeOutputs)}] {s.Correct}")];

    /// <summary>Runs one scalar query in an in-memory DuckDB.</summary>
    public static long DuckDbCount(string query)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows DuckDB reads from a file or glob.</summary>
    public static long DuckDbRows(string pathOrGlob) => DuckDbCount($"SELECT count(*) FROM read_parquet('{pathOrGlob}')");
}
