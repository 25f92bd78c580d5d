using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Superposition.Bounds;
using Superposition.Datasets;
using Superposition.Problems;

namespace Superposition.Reports.Bounds;

/// <summary>
/// The bound table behind the <c>bounds</c> verb: what the counting bounds and reference curves say
/// before anything is run, so a researcher can size a sweep. Values come from
/// <see cref="BoundCalculator.For"/> and <see cref="BoundValues.Capacity"/>, the same code that fills
/// the dataset's bound columns, so the table and the datasets cannot disagree.
/// </summary>
public static class BoundsTable
{
    private static readonly string[] Header =
        ["m'", "m", "instance_bits", "ref_neurons_lower", "ref_parameters_lower", "ref_neurons_upper", "ref_parameters_upper", "capacity_at_ref_neurons_upper"];

    /// <summary>
    /// One row per m' in <paramref name="pairCounts"/> (in the given order), at sparsity
    /// <paramref name="sparsity"/>, over <paramref name="inputCount"/> inputs (default m = max(m', 2)).
    /// An instance that cannot exist (m' &gt; C(m, 2)) gets NaN instance bits, not the 0 of "one
    /// instance"; its reference curves are still those of m'.
    /// </summary>
    public static ImmutableArray<BoundsRow> Rows(IEnumerable<int> pairCounts, int sparsity, int? inputCount = null)
    {
        ArgumentNullException.ThrowIfNull(pairCounts);
        ArgumentOutOfRangeException.ThrowIfLessThan(sparsity, 1);
        if (inputCount is { } given)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(given, 2, nameof(inputCount));
        }
        var counts = pairCounts.ToList();
        foreach (var count in counts)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(pairCounts));
        }
        return
        [
            .. counts.Select(count =>
            {
                var inputs = inputCount ?? Math.Max(count, 2);
                var b = BoundCalculator.For(new ProblemSpec(ProblemKind.And, "random", inputs, count, sparsity));
                var row = new BoundsRow(b.OutputCount, inputs, sparsity, b.InstanceBits, b.NeuronsLower, b.ParametersLower, b.NeuronsUpper, b.ParametersUpper, BoundValues.Capacity(b.NeuronsUpper));
                return row.InstanceExists ? row : row with { InstanceBits = double.NaN };
            }),
        ];
    }

    /// <summary>The rows as a plain-text table with right-aligned columns, header first, one line per row, then a note for every row whose instance cannot exist.</summary>
    public static string Format(IReadOnlyList<BoundsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(r => new[]
        {
            r.OutputCount.ToString("#,0", CultureInfo.InvariantCulture),
            r.InputCount.ToString("#,0", CultureInfo.InvariantCulture),
            r.InstanceExists ? Number(r.InstanceBits) : "n/a",
            Number(r.RefNeuronsLower),
            Number(r.RefParametersLower),
            Number(r.RefNeuronsUpper),
            Number(r.RefParametersUpper),
            Number(r.CapacityAtRefNeuronsUpper),
        }).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(c => cells.Max(line => line[c].Length)).ToArray();
        var builder = new StringBuilder();
        foreach (var line in cells)
        {
            builder.AppendJoin("  ", line.Select((cell, c) => cell.PadLeft(widths[c]))).Append('\n');
        }
        foreach (var row in rows.Where(r => !r.InstanceExists))
        {
            builder.Append(CultureInfo.InvariantCulture, $"n/a: no instance has m' = {row.OutputCount:#,0} distinct pairs over m = {row.InputCount:#,0} inputs, which have only C(m, 2) = {(long)row.InputCount * (row.InputCount - 1) / 2:#,0}\n");
        }
        return builder.ToString();
    }

    /// <summary>
    /// Writes the rows as a small Parquet file with the snake_case column names of <see cref="Format"/>
    /// (output_count for m', input_count for m, plus sparsity; instance_bits NaN where no instance
    /// exists), through a temporary file renamed on success.
    /// </summary>
    public static Task WriteParquetAsync(IReadOnlyList<BoundsRow> rows, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return NumericTableFile.WriteAsync(path,
        [
            ("output_count", rows.Select(r => r.OutputCount).ToArray()),
            ("input_count", rows.Select(r => r.InputCount).ToArray()),
            ("sparsity", rows.Select(r => r.Sparsity).ToArray()),
            ("instance_bits", rows.Select(r => r.InstanceBits).ToArray()),
            ("ref_neurons_lower", rows.Select(r => r.RefNeuronsLower).ToArray()),
            ("ref_parameters_lower", rows.Select(r => r.RefParametersLower).ToArray()),
            ("ref_neurons_upper", rows.Select(r => r.RefNeuronsUpper).ToArray()),
            ("ref_parameters_upper", rows.Select(r => r.RefParametersUpper).ToArray()),
            ("capacity_at_ref_neurons_upper", rows.Select(r => r.CapacityAtRefNeuronsUpper).ToArray()),
        ], cancellationToken);
    }

    /// <summary>One decimal below a billion (with thousands separators), scientific above, so columns stay narrow.</summary>
    private static string Number(double value) => Math.Abs(value) < 1e9
        ? value.ToString("#,0.0", CultureInfo.InvariantCulture)
        : value.ToString("0.000e+00", CultureInfo.InvariantCulture);
}
