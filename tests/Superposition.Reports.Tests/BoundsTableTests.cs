using Parquet;
using Parquet.Schema;
using Superposition.Bounds;
using Superposition.Reports.Bounds;
using Superposition.Reports.Tests.Support;
using Xunit;

namespace Superposition.Reports.Tests;

public class BoundsTableTests
{
    private static readonly int[] PairCounts = [10, 1_000, 100_000, 1_000_000];

    [Fact]
    public void Rows_equal_the_bound_calculator()
    {
        var rows = BoundsTable.Rows(PairCounts, 3);
        var expected = BoundCalculator.Table(PairCounts, 3);

        Assert.Equal(PairCounts.Length, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var (row, bound) = (rows[i], expected[i]);
            Assert.Equal(PairCounts[i], row.OutputCount);
            Assert.Equal(3, row.Sparsity);
            Assert.Equal(bound.InstanceBits, row.InstanceBits);
            Assert.Equal(bound.NeuronsLower, row.RefNeuronsLower);
            Assert.Equal(bound.ParametersLower, row.RefParametersLower);
            Assert.Equal(bound.NeuronsUpper, row.RefNeuronsUpper);
            Assert.Equal(bound.ParametersUpper, row.RefParametersUpper);
            Assert.Equal(BoundValues.Capacity(bound.NeuronsUpper), row.CapacityAtRefNeuronsUpper);
        }
    }

    [Fact]
    public void Rows_hold_the_reference_curves_with_constant_one()
    {
        var row = BoundsTable.Rows([1024], 3).Single();

        Assert.Equal(Math.Sqrt(1024 * 10.0), row.RefNeuronsLower, 9);
        Assert.Equal(10_240, row.RefParametersLower, 9);
        Assert.Equal(320, row.RefNeuronsUpper, 9);
        Assert.Equal(102_400, row.RefParametersUpper, 9);
        Assert.Equal(320.0 * 320 / Math.Log2(320), row.CapacityAtRefNeuronsUpper, 6);
    }

    [Fact]
    public void Rows_rejects_an_m_prime_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundsTable.Rows([10, 0], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundsTable.Rows([10], 0));
    }

    [Fact]
    public void Format_aligns_every_column_under_its_header()
    {
        var text = BoundsTable.Format(BoundsTable.Rows(PairCounts, 3));

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(PairCounts.Length + 1, lines.Length);
        Assert.Single(lines.Select(l => l.Length).Distinct());
        Assert.StartsWith("       m'  instance_bits", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("capacity_at_ref_neurons_upper", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("1,000,000", lines[^1], StringComparison.Ordinal);
        Assert.Contains("19,931.6", lines[^1], StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task WriteParquetAsync_round_trips_every_value()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("bounds.parquet");
        var rows = BoundsTable.Rows(PairCounts, 3);

        await BoundsTable.WriteParquetAsync(rows, path);

        Assert.False(File.Exists(path + ".tmp"));
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(
            ["output_count", "sparsity", "instance_bits", "ref_neurons_lower", "ref_parameters_lower", "ref_neurons_upper", "ref_parameters_upper", "capacity_at_ref_neurons_upper"],
            reader.Schema.DataFields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(rows.Select(r => r.OutputCount), await Read<int>(group, reader.Schema, "output_count", rows.Length));
        Assert.Equal(rows.Select(r => r.InstanceBits), await Read<double>(group, reader.Schema, "instance_bits", rows.Length));
        Assert.Equal(rows.Select(r => r.CapacityAtRefNeuronsUpper), await Read<double>(group, reader.Schema, "capacity_at_ref_neurons_upper", rows.Length));
    }

    private static async Task<T[]> Read<T>(ParquetRowGroupReader group, ParquetSchema schema, string name, int count)
        where T : struct
    {
        var values = new T[count];
        await group.ReadAsync<T>(schema.DataFields.Single(f => f.Name == name), values);
        return values;
    }
}
