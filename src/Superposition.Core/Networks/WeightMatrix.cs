using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Superposition.Networks;

/// <summary>
/// A real weight matrix of an imported layer (rows × columns): dense row-major, or sparse in compressed
/// rows. Values are held as doubles (an F32 file's values widen exactly) and are checked finite at
/// creation. Evaluation reads it row by row, in ascending column order (docs/interop.md, "Arithmetic").
/// </summary>
public abstract record WeightMatrix
{
    private WeightMatrix(int rowCount, int columnCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        RowCount = rowCount;
        ColumnCount = columnCount;
    }

    public int RowCount { get; }

    public int ColumnCount { get; }

    /// <summary>Stored entries that are not zero: the weight count of docs/mathematics.md §5.</summary>
    public abstract long NonzeroCount { get; }

    /// <summary>The distinct nonzero values, for the description-length estimate.</summary>
    public abstract int DistinctNonzeroValues { get; }

    /// <summary>Nonzero entries of one row.</summary>
    public abstract int RowNonzeros(int row);

    /// <summary>W[row, column], zero where nothing is stored.</summary>
    public abstract double this[int row, int column] { get; }

    private static void CheckFinite(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"weight {value} is not finite");
            }
        }
    }

    /// <summary>Dense row-major values; <see cref="SinglePrecision"/> records that they came from F32 and are written back as F32.</summary>
    public sealed record Dense : WeightMatrix
    {
        private readonly double[] _values;

        public Dense(int rowCount, int columnCount, double[] values, bool singlePrecision = false)
            : base(rowCount, columnCount)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.LongLength != (long)rowCount * columnCount)
            {
                throw new ArgumentException($"{values.LongLength} values for a {rowCount} × {columnCount} matrix");
            }
            CheckFinite(values);
            if (singlePrecision && values.Any(v => (double)(float)v != v))
            {
                throw new ArgumentException("a single-precision matrix holds only values an F32 represents exactly");
            }
            _values = values;
            SinglePrecision = singlePrecision;
        }

        public bool SinglePrecision { get; }

        public ImmutableArray<double> Values => ImmutableCollectionsMarshal.AsImmutableArray(_values);

        /// <summary>Row <paramref name="row"/>, all columns.</summary>
        public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * ColumnCount, ColumnCount);

        public override long NonzeroCount => _values.LongCount(v => v != 0);

        public override int DistinctNonzeroValues => _values.Where(v => v != 0).Distinct().Count();

        public override int RowNonzeros(int row)
        {
            var count = 0;
            foreach (var value in Row(row))
            {
                count += value != 0 ? 1 : 0;
            }
            return count;
        }

        public override double this[int row, int column] => _values[(row * ColumnCount) + column];
    }

    /// <summary>Compressed sparse rows: row u's entries are Columns/Values[RowOffsets[u] .. RowOffsets[u+1]], columns strictly ascending.</summary>
    public sealed record Sparse : WeightMatrix
    {
        private readonly int[] _rowOffsets;
        private readonly int[] _columns;
        private readonly double[] _values;

        public Sparse(int rowCount, int columnCount, int[] rowOffsets, int[] columns, double[] values)
            : base(rowCount, columnCount)
        {
            ArgumentNullException.ThrowIfNull(rowOffsets);
            ArgumentNullException.ThrowIfNull(columns);
            ArgumentNullException.ThrowIfNull(values);
            if (rowOffsets.Length != rowCount + 1 || rowOffsets[0] != 0 || rowOffsets[^1] != columns.Length || columns.Length != values.Length)
            {
                throw new ArgumentException("row offsets must run from 0 to the entry count, one per row and one more");
            }
            for (var row = 0; row < rowCount; row++)
            {
                if (rowOffsets[row + 1] < rowOffsets[row])
                {
                    throw new ArgumentException($"row offsets decrease at row {row}");
                }
                for (var k = rowOffsets[row]; k < rowOffsets[row + 1]; k++)
                {
                    if (columns[k] < 0 || columns[k] >= columnCount)
                    {
                        throw new ArgumentException($"column {columns[k]} of row {row} is outside [0, {columnCount})");
                    }
                    if (k > rowOffsets[row] && columns[k] <= columns[k - 1])
                    {
                        throw new ArgumentException($"row {row} repeats or reorders column {columns[k]}: columns must be strictly ascending");
                    }
                }
            }
            CheckFinite(values);
            _rowOffsets = rowOffsets;
            _columns = columns;
            _values = values;
        }

        /// <summary>
        /// From coordinates in any order: sorted by (row, column); a repeated coordinate is an error
        /// rather than a sum, so a file means one matrix.
        /// </summary>
        public static Sparse FromCoordinates(int rowCount, int columnCount, ReadOnlySpan<int> rows, ReadOnlySpan<int> columns, ReadOnlySpan<double> values)
        {
            if (rows.Length != columns.Length || rows.Length != values.Length)
            {
                throw new ArgumentException("rows, columns and values differ in length");
            }
            var order = new int[rows.Length];
            for (var k = 0; k < order.Length; k++)
            {
                if (rows[k] < 0 || rows[k] >= rowCount)
                {
                    throw new ArgumentException($"row {rows[k]} is outside [0, {rowCount})");
                }
                order[k] = k;
            }
            var (r, c) = (rows.ToArray(), columns.ToArray());
            Array.Sort(order, (a, b) => r[a] != r[b] ? r[a].CompareTo(r[b]) : c[a].CompareTo(c[b]));
            var offsets = new int[rowCount + 1];
            foreach (var row in r)
            {
                offsets[row + 1]++;
            }
            for (var row = 0; row < rowCount; row++)
            {
                offsets[row + 1] += offsets[row];
            }
            var sortedColumns = order.Select(k => c[k]).ToArray();
            var v = values.ToArray();
            return new Sparse(rowCount, columnCount, offsets, sortedColumns, [.. order.Select(k => v[k])]);
        }

        public ImmutableArray<int> RowOffsets => ImmutableCollectionsMarshal.AsImmutableArray(_rowOffsets);

        public ImmutableArray<int> Columns => ImmutableCollectionsMarshal.AsImmutableArray(_columns);

        public ImmutableArray<double> Values => ImmutableCollectionsMarshal.AsImmutableArray(_values);

        public ReadOnlySpan<int> RowColumns(int row) => _columns.AsSpan(_rowOffsets[row], _rowOffsets[row + 1] - _rowOffsets[row]);

        public ReadOnlySpan<double> RowValues(int row) => _values.AsSpan(_rowOffsets[row], _rowOffsets[row + 1] - _rowOffsets[row]);

        public override long NonzeroCount => _values.LongCount(v => v != 0);

        public override int DistinctNonzeroValues => _values.Where(v => v != 0).Distinct().Count();

        public override int RowNonzeros(int row)
        {
            var count = 0;
            foreach (var value in RowValues(row))
            {
                count += value != 0 ? 1 : 0;
            }
            return count;
        }

        public override double this[int row, int column]
        {
            get
            {
                var at = RowColumns(row).BinarySearch(column);
                return at >= 0 ? _values[_rowOffsets[row] + at] : 0.0;
            }
        }
    }
}
