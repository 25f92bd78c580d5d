using Superposition.Datasets.Rows;
using Superposition.Datasets.Tests.Support;
using Superposition.Rows;
using Xunit;

namespace Superposition.Datasets.Tests;

public sealed class DatasetReaderTests
{
    private const int Timeout = 60_000;

    [Fact(Timeout = Timeout)]
    public async Task ReadCasesAsync_returns_the_example_rows_exactly()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, ExampleRows.Cases);

        var read = await DatasetReader.ReadCasesAsync(directory.PathOf("cases.parquet"));

        RowAssert.Equal(ExampleRows.Cases, read);
        Assert.Null(read[0].Error);
        Assert.True(double.IsPositiveInfinity(read[1].MinTrueMargin));
        Assert.True(double.IsNegativeInfinity(read[1].MaxFalseMargin));
        Assert.True(double.IsNaN(read[1].SampleErrorRate));
        Assert.Equal((1UL << 63) + 12_345, read[1].Seed);
    }

    [Fact(Timeout = Timeout)]
    public async Task ReadCasesAsync_reads_a_file_written_before_the_columns_added_within_the_version()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.PathOf("cases.parquet");
        var added = CaseColumns.Table.Columns.Where(column => column.MayBeAbsent).Select(column => column.PropertyName).ToHashSet();
        var older = new ColumnTable<CaseRow>(DatasetSchema.CasesTable, [.. CaseColumns.Table.Columns.Where(column => !column.MayBeAbsent)]);
        await using (var file = File.Create(path))
        {
            await using var writer = await older.CreateWriterAsync(file, CancellationToken.None);
            await older.WriteRowGroupAsync(writer, [ExampleRows.Ok], CancellationToken.None);
        }

        var read = Assert.Single(await DatasetReader.ReadCasesAsync(path));

        Assert.Contains(nameof(CaseRow.SampleErrorRateWilsonUpper95), added);
        Assert.Contains(nameof(CaseRow.WrongThreeOrMoreTrueOutputs), added);
        foreach (var property in RowAssert.Properties<CaseRow>())
        {
            var expected = added.Contains(property.Name) ? property.GetValue(new CaseRow()) : property.GetValue(ExampleRows.Ok);
            Assert.Equal(expected, property.GetValue(read));
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task ReadCasesAsync_refuses_a_file_without_schema_version()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.PathOf("foreign.parquet");
        DuckDb.Query($"COPY (SELECT 'x' AS sweep) TO {DuckDb.Literal(path)} (FORMAT parquet)");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DatasetReader.ReadCasesAsync(path));

        Assert.Contains("schema_version", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task ReadSamplesAsync_refuses_a_cases_file()
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, ExampleRows.Cases);

        await Assert.ThrowsAsync<InvalidDataException>(() => DatasetReader.ReadSamplesAsync(directory.PathOf("cases.parquet")));
    }
}
