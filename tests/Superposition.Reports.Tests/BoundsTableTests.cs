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
    public void Rows_take_m_from_the_option_and_count_instance_bits_over_its_pairs()
    {
        var row = BoundsTable.Rows([10], 3, inputCount: 100).Single();

        // log2 C(4950, 10) as a product of ten ratios, independently of the log-gamma code.
        var expected = Enumerable.Range(0, 10).Sum(k => Math.Log2((4950.0 - k) / (k + 1)));
        Assert.Equal(100, row.InputCount);
        Assert.Equal(expected, row.InstanceBits, 9);
        Assert.Equal(BoundsTable.Rows([10], 3).Single().RefNeuronsUpper, row.RefNeuronsUpper);
    }

    [Fact]
    public void An_instance_that_cannot_exist_has_no_instance_bits_and_a_note()
    {
        var rows = BoundsTable.Rows([1, 2, 3, 50], 3, inputCount: null).Concat(BoundsTable.Rows([50], 3, inputCount: 10)).ToList();

        Assert.Equal([2, 2, 3, 50, 10], rows.Select(r => r.InputCount));
        Assert.Equal([true, false, true, true, false], rows.Select(r => r.InstanceExists));
        Assert.Equal(0.0, rows[0].InstanceBits);                    // one pair over two inputs: one instance
        Assert.True(double.IsNaN(rows[1].InstanceBits));             // two pairs over C(2, 2) = 1
        Assert.Equal(0.0, rows[2].InstanceBits);                    // all three pairs of three inputs
        Assert.True(double.IsNaN(rows[4].InstanceBits));             // 50 pairs over C(10, 2) = 45
        var text = BoundsTable.Format(rows);
        Assert.Contains("n/a: no instance has m' = 2 distinct pairs over m = 2 inputs, which have only C(m, 2) = 1", text, StringComparison.Ordinal);
        Assert.Contains("n/a: no instance has m' = 50 distinct pairs over m = 10 inputs, which have only C(m, 2) = 45", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Count(line => line.Split("  ", StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2)?.Trim() == "n/a"));
    }

    [Theory]
    [InlineData(0.5, 0.25)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.5, 2.25)]
    [InlineData(2.0, 4.0)]
    [InlineData(4.0, 8.0)]
    [InlineData(1024.0, 1024.0 * 1024 / 10)]
    public void Capacity_is_n_squared_over_at_least_one_bit(double neurons, double capacity)
    {
        Assert.Equal(capacity, BoundValues.Capacity(neurons), 9);
    }

    [Fact]
    public void Capacity_never_decreases_in_n()
    {
        var values = Enumerable.Range(0, 4000).Select(k => BoundValues.Capacity(k * 0.01)).ToList();
        Assert.All(values.Zip(values.Skip(1)), pair => Assert.True(pair.First <= pair.Second, $"{pair.First} > {pair.Second}"));
        Assert.Equal(0.0, BoundValues.Capacity(0));
    }

    [Fact]
    public void Rows_rejects_an_m_prime_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundsTable.Rows([10, 0], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundsTable.Rows([10], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundsTable.Rows([10], 3, inputCount: 1));
    }

    [Fact]
    public void Format_aligns_every_column_under_its_header()
    {
        var text = BoundsTable.Format(BoundsTable.Rows(PairCounts, 3));

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(PairCounts.Length + 1, lines.Length);
        Assert.Single(lines.Select(l => l.Length).Distinct());
        Assert.StartsWith("       m'          m  instance_bits", lines[0], StringComparison.Ordinal);
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
            ["output_count", "input_count", "sparsity", "instance_bits", "ref_neurons_lower", "ref_parameters_lower", "ref_neurons_upper", "ref_parameters_upper", "capacity_at_ref_neurons_upper"],
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
