using System.Text.Json;
using FsCheck.Xunit;
using Superposition.Datasets.Tests.Support;
using Superposition.Rows;
using Xunit;

namespace Superposition.Datasets.Tests;

/// <summary>Datasets read by a real DuckDB: the contract pandas, Polars and DuckDB users rely on.</summary>
public sealed class DuckDbReadBackTests
{
    private const int Timeout = 60_000;

    [Fact(Timeout = Timeout)]
    public async Task Cases_read_by_DuckDB_have_every_column_in_order_and_every_value()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, ExampleRows.Cases);

        AssertDuckDbReads(directory.PathOf("cases.parquet"), ExampleRows.Cases);
    }

    [Property(Arbitrary = [typeof(RowArbitraries)], MaxTest = 25)]
    public async Task Cases_read_by_DuckDB_equal_random_rows_written(CaseRow[] rows)
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, rows).WaitAsync(Runs.Timeout);

        AssertDuckDbReads(directory.PathOf("cases.parquet"), rows);
    }

    [Fact(Timeout = Timeout)]
    public async Task Cases_columns_have_the_documented_SQL_types()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, ExampleRows.Cases);

        var types = ColumnTypes(directory.PathOf("cases.parquet"));

        Assert.Equal("VARCHAR", types["sweep"]);
        Assert.Equal("INTEGER", types["replicate"]);
        Assert.Equal("UBIGINT", types["seed"]);
        Assert.Equal("VARCHAR", types["error"]);
        Assert.Equal("BIGINT", types["weight_count"]);
        Assert.Equal("DOUBLE", types["min_true_margin"]);
        Assert.Equal("DOUBLE", types["sample_error_rate_wilson_lower95"]);
        Assert.Equal("DOUBLE", types["false_outputs_per_sample_stderr"]);
        Assert.Equal("BIGINT", types["false_positives_sharing_input"]);
        Assert.Equal("BIGINT", types["wrong_three_or_more_true_outputs"]);
        Assert.Equal("BOOLEAN", types["exhaustive"]);
        Assert.Equal("VARCHAR", types["worst_input"]);
        Assert.Equal("VARCHAR", types["wrong_inputs"]);
    }

    [Fact(Timeout = Timeout)]
    public async Task Wrong_inputs_read_as_a_list_of_lists_with_DuckDBs_JSON_functions()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, ExampleRows.Cases);
        var path = DuckDb.Literal(directory.PathOf("cases.parquet"));

        var first = DuckDb.Scalar($"SELECT from_json(wrong_inputs, '[[\"INTEGER\"]]')[1][3]::BIGINT FROM read_parquet({path}) WHERE exhaustive");
        var worst = DuckDb.Scalar($"SELECT list_sum(from_json(worst_input, '[\"INTEGER\"]'))::BIGINT FROM read_parquet({path}) WHERE exhaustive");

        Assert.Equal(42L, first);
        Assert.Equal(62L, worst);
    }

    [Fact(Timeout = Timeout)]
    public async Task Samples_read_by_DuckDB_have_list_columns_as_lists()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, ExampleRows.Cases, writeSamples: true);
        var path = directory.PathOf("samples.parquet");
        var written = ExampleRows.Cases.SelectMany(ExampleRows.SamplesOf).ToArray();

        var result = DuckDb.Query($"SELECT * FROM read_parquet({DuckDb.Literal(path)})");
        var types = ColumnTypes(path);

        Assert.Equal(RowAssert.Properties<SampleRow>().Select(property => JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)), result.Names);
        Assert.Equal("INTEGER[]", types["active_inputs"]);
        Assert.Equal("INTEGER[]", types["false_positive_outputs"]);
        Assert.Equal("INTEGER[]", types["false_negative_outputs"]);
        Assert.Equal("BOOLEAN", types["correct"]);
        AssertRowsEqual(written, result);
        Assert.Equal(3L, DuckDb.Scalar($"SELECT len(active_inputs)::BIGINT FROM read_parquet({DuckDb.Literal(path)}) WHERE sample_index = 0 LIMIT 1"));
    }

    [Fact(Timeout = Timeout)]
    public async Task Samples_get_one_row_group_per_write_that_has_samples()
    {
        using var directory = new TemporaryDirectory();
        CaseWithSamples[] writes =
        [
            new(ExampleRows.Ok, ExampleRows.SamplesOf(ExampleRows.Ok)),
            new(ExampleRows.Failed, []),
            new(ExampleRows.Cases[2], ExampleRows.SamplesOf(ExampleRows.Cases[2])),
        ];
        await Runs.CommitAsync(directory.Root, writes, writeSamples: true);

        var rowGroups = DuckDb.Scalar($"SELECT count(DISTINCT row_group_id)::BIGINT FROM parquet_metadata({DuckDb.Literal(directory.PathOf("samples.parquet"))})");

        Assert.Equal(2L, rowGroups);
    }

    [Fact(Timeout = Timeout)]
    public async Task Both_files_carry_the_schema_version_in_their_metadata()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, ExampleRows.Cases, writeSamples: true);

        foreach (var file in new[] { "cases.parquet", "samples.parquet" })
        {
            var version = DuckDb.Scalar($"SELECT decode(value) FROM parquet_kv_metadata({DuckDb.Literal(directory.PathOf(file))}) WHERE decode(key) = 'schema_version'");
            Assert.Equal(DatasetSchema.Version, version);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task An_empty_run_writes_tables_DuckDB_reads_with_columns_and_no_rows()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, Array.Empty<CaseWithSamples>(), writeSamples: true);

        foreach (var file in new[] { "cases.parquet", "samples.parquet" })
        {
            var result = DuckDb.Query($"SELECT * FROM read_parquet({DuckDb.Literal(directory.PathOf(file))})");
            Assert.NotEmpty(result.Names);
            Assert.Empty(result.Rows);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Shards_and_sweeps_read_together_with_a_glob()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(Path.Combine(directory.Root, "sweep-a"), [ExampleRows.Ok], writeSamples: true, part: "shard-0-of-2");
        await Runs.CommitAsync(Path.Combine(directory.Root, "sweep-a"), [ExampleRows.Failed], writeSamples: true, part: "shard-1-of-2");
        await Runs.CommitAsync(Path.Combine(directory.Root, "sweep-b"), ExampleRows.Cases);

        var glob = DuckDb.Literal(Path.Combine(directory.Root, "*", "cases*.parquet"));
        var cases = DuckDb.Scalar($"SELECT count(*)::BIGINT FROM read_parquet({glob})");
        var samples = DuckDb.Scalar($"SELECT sum(len(active_inputs))::BIGINT FROM read_parquet({DuckDb.Literal(Path.Combine(directory.Root, "*", "samples*.parquet"))})");

        Assert.Equal(2L + ExampleRows.Cases.Length, cases);
        Assert.Equal(2L * 5, samples);
        Assert.Equal(["cases-shard-0-of-2.parquet", "cases-shard-1-of-2.parquet", "manifest-shard-0-of-2.json", "manifest-shard-1-of-2.json", "samples-shard-0-of-2.parquet", "samples-shard-1-of-2.parquet"], directory.FileNames("sweep-a"));
    }

    private static void AssertDuckDbReads(string path, IReadOnlyList<CaseRow> written)
    {
        var result = DuckDb.Query($"SELECT * FROM read_parquet({DuckDb.Literal(path)})");

        Assert.Equal(RowAssert.Properties<CaseRow>().Select(property => JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)), result.Names);
        AssertRowsEqual(written, result);
    }

    private static void AssertRowsEqual<T>(IReadOnlyList<T> written, QueryResult result)
        where T : class
    {
        var properties = RowAssert.Properties<T>();
        Assert.Equal(written.Count, result.Rows.Count);
        for (var i = 0; i < written.Count; i++)
        {
            for (var c = 0; c < properties.Length; c++)
            {
                RowAssert.SameValue(properties[c].GetValue(written[i]), result.Rows[i][c], $"row {i}, {result.Names[c]}");
            }
        }
    }

    private static Dictionary<string, string> ColumnTypes(string path) =>
        DuckDb.Query($"DESCRIBE SELECT * FROM read_parquet({DuckDb.Literal(path)})").Rows
            .ToDictionary(row => (string)row[0], row => (string)row[1]);
}
