using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Superposition.Bounds;
using Superposition.Datasets;

namespace Superposition.Reports.Bounds;

/// <summary>
/// The bound table behind the <c>bounds</c> verb: what the counting bounds and reference curves say
/// before anything is run, so a researcher can size a sweep. Values come from
/// <see cref="BoundCalculator.Table"/> and <see cref="BoundValues.Capacity"/>, the same code that fills
/// the dataset's bound columns, so the table and the datasets cannot disagree.
/// </summary>
public static class BoundsTable
{
    private static readonly string[] Header =
        ["m'", "instance_bits", "ref_neurons_lower", "ref_parameters_lower", "ref_neurons_upper", "ref_parameters_upper", "capacity_at_ref_neurons_upper"];

    /// <summary>One row per m' in <paramref name="pairCounts"/> (in the given order), at sparsity <paramref name="sparsity"/>.</summary>
    public static ImmutableArray<BoundsRow> Rows(IEnumerable<int> pairCounts, int sparsity)
    {
        ArgumentNullException.ThrowIfNull(pairCounts);
        ArgumentOutOfRangeException.ThrowIfLessThan(sparsity, 1);
        var counts = pairCounts.ToList();
        foreach (var count in counts)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(pairCounts));
        }
        return
        [
            .. BoundCalculator.Table(counts, sparsity).Select(b => new BoundsRow(
                b.OutputCount,
                sparsity,
                b.InstanceBits,
                b.NeuronsLower,
                b.ParametersLower,
                b.NeuronsUpper,
                b.ParametersUpper,
                BoundValues.Capacity(b.NeuronsUpper))),
        ];
    }

    /// <summary>The rows as a plain-text table with right-aligned columns, header first, one line per row.</summary>
    public static string Format(IReadOnlyList<BoundsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(r => new[]
        {
            r.OutputCount.ToString("#,0", CultureInfo.InvariantCulture),
            Number(r.InstanceBits),
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
        return builder.ToString();
    }

    /// <summary>
    /// Writes the rows as a small Parquet file with the snake_case column names of <see cref="Format"/>
    /// (output_count for m', plus sparsity), through a temporary file renamed on success.
    /// </summary>
    public static Task WriteParquetAsync(IReadOnlyList<BoundsRow> rows, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return NumericTableFile.WriteAsync(path,
        [
            ("output_count", rows.Select(r => r.OutputCount).ToArray()),
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
