using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Superposition.Networks;

/// <summary>
/// The compute matrix M (output neurons × input features) of W = M · Dec, stored by column (CSC): for
/// each input feature, the output neurons it feeds and the integer weight. Weights are integers in
/// every construction here, which keeps evaluation exact (docs/mathematics.md §4.4).
/// </summary>
public sealed class ComputeMatrix
{
    private readonly int[] _columnOffsets;
    private readonly int[] _rows;
    private readonly int[] _weights;
    private readonly Lazy<ushort[]?> _shortRows;
    private readonly Lazy<bool[]> _unitColumns;
    private readonly Lazy<ComputeRows> _rowView;
    private readonly Lazy<long> _maxRowWeight;

    public ComputeMatrix(int rowCount, int[] columnOffsets, int[] rows, int[] weights)
    {
        // The arrays may be longer than the entries they hold (FromColumns compacts in place rather than
        // copy gigabytes at m' = 10^7); entries end at columnOffsets[^1].
        if (rows.Length != weights.Length || columnOffsets.Length == 0 || columnOffsets[0] != 0 || columnOffsets[^1] > rows.Length)
        {
            throw new ArgumentException("inconsistent CSC arrays");
        }
        // Positive weights are what makes factored evaluation exact and cheap: no contribution cancels,
        // so an untouched neuron sits at its (negative) bias and W's sparsity is the union of codes.
        if (weights.AsSpan(0, columnOffsets[^1]).ContainsAnyExceptInRange(1, int.MaxValue))
        {
            throw new ArgumentException("compute weights must be positive integers");
        }
        // Rows in range are what lets the evaluator index its accumulators without bounds checks.
        if (rows.AsSpan(0, columnOffsets[^1]).ContainsAnyExceptInRange(0, rowCount - 1))
        {
            throw new ArgumentException($"compute rows must lie in [0, {rowCount})");
        }
        RowCount = rowCount;
        _columnOffsets = columnOffsets;
        _rows = rows;
        _weights = weights;
        _shortRows = new Lazy<ushort[]?>(() => rowCount <= ushort.MaxValue + 1 ? [.. _rows.Take(columnOffsets[^1]).Select(r => (ushort)r)] : null);
        _unitColumns = new Lazy<bool[]>(() => [.. Enumerable.Range(0, ColumnCount).Select(c => !Weights(c).ContainsAnyExcept(1))]);
        _rowView = new Lazy<ComputeRows>(() => new ComputeRows(this));
        _maxRowWeight = new Lazy<long>(() =>
        {
            var sums = new long[rowCount];
            for (var k = 0; k < columnOffsets[^1]; k++)
            {
                sums[_rows[k]] += _weights[k];
            }
            return sums.Length == 0 ? 0 : sums.Max();
        });
    }

    public int RowCount { get; }

    public int ColumnCount => _columnOffsets.Length - 1;

    public long NonzeroCount => _columnOffsets[^1];

    public ReadOnlySpan<int> Rows(int column) => _rows.AsSpan(_columnOffsets[column], _columnOffsets[column + 1] - _columnOffsets[column]);

    public ReadOnlySpan<int> Weights(int column) => _weights.AsSpan(_columnOffsets[column], _columnOffsets[column + 1] - _columnOffsets[column]);

    internal ReadOnlySpan<int> ColumnOffsetSpan => _columnOffsets;

    /// <summary>
    /// The rows as 16-bit indices when the layer has at most 65,536 neurons, else null. Evaluation is
    /// bound by fetching the scattered columns a sample touches, so halving their bytes matters; made
    /// once, on first use.
    /// </summary>
    internal ushort[]? ShortRows => _shortRows.Value;

    /// <summary>Per column, whether every weight is 1, so the evaluator can skip reading the weights.</summary>
    internal bool[] UnitColumns => _unitColumns.Value;

    /// <summary>
    /// The largest Σ_i M[u,i] over rows u, made on first use. Times the largest count |C_i ∩ a| it bounds
    /// every accumulator, which is what lets the batched pass sum in 16 bits where that bound is below 32,767.
    /// </summary>
    internal long MaxRowWeight => _maxRowWeight.Value;

    /// <summary>The row view of M for the batched forward pass, made on first use (a second copy of M's entries).</summary>
    internal ComputeRows RowView => _rowView.Value;

    internal ReadOnlySpan<int> RowSpan => _rows.AsSpan(0, _columnOffsets[^1]);

    internal ReadOnlySpan<int> WeightSpan => _weights.AsSpan(0, _columnOffsets[^1]);

    public ImmutableArray<int> ColumnOffsets => ImmutableCollectionsMarshal.AsImmutableArray(_columnOffsets);

    public ImmutableArray<int> RowIndices => Trimmed(_rows);

    public ImmutableArray<int> WeightValues => Trimmed(_weights);

    private ImmutableArray<int> Trimmed(int[] values) =>
        values.Length == _columnOffsets[^1] ? ImmutableCollectionsMarshal.AsImmutableArray(values) : [.. values.AsSpan(0, _columnOffsets[^1])];

    /// <summary>Writes the entries of one column into the given spans and returns how many it wrote.</summary>
    public delegate int ColumnWriter(int column, Span<int> rows, Span<int> weights);

    /// <summary>
    /// Builds M column by column without intermediate lists: <paramref name="capacity"/> bounds each column's
    /// entry count, <paramref name="write"/> fills it, then each column is sorted by row and a repeated row
    /// keeps its largest weight (so "once per input, even if it appears in several pairs" holds by
    /// construction). Columns are written in parallel into disjoint slices, so the result does not depend
    /// on scheduling; the arrays are allocated once, at the capacity bound, and compacted in place.
    /// </summary>
    public static ComputeMatrix FromColumns(int rowCount, int columnCount, Func<int, int> capacity, ColumnWriter write)
    {
        var bounds = new long[columnCount + 1];
        for (var c = 0; c < columnCount; c++)
        {
            bounds[c + 1] = bounds[c] + capacity(c);
        }
        var rows = new int[bounds[columnCount]];
        var weights = new int[rows.Length];
        var counts = new int[columnCount];
        Parallel.For(0, columnCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            var start = (int)bounds[c];
            var length = (int)(bounds[c + 1] - bounds[c]);
            var columnRows = rows.AsSpan(start, length);
            var columnWeights = weights.AsSpan(start, length);
            var written = write(c, columnRows, columnWeights);
            columnRows[..written].Sort(columnWeights[..written]);
            var kept = 0;
            for (var k = 0; k < written; k++)
            {
                if (kept > 0 && columnRows[kept - 1] == columnRows[k])
                {
                    columnWeights[kept - 1] = Math.Max(columnWeights[kept - 1], columnWeights[k]);
                    continue;
                }
                columnRows[kept] = columnRows[k];
                columnWeights[kept] = columnWeights[k];
                kept++;
            }
            counts[c] = kept;
        });
        // Compact in place: each column moves down (never up), so a forward pass with overlapping
        // copies is safe and the arrays are never duplicated.
        var offsets = new int[columnCount + 1];
        for (var c = 0; c < columnCount; c++)
        {
            offsets[c + 1] = checked(offsets[c] + counts[c]);
            if (offsets[c] != bounds[c])
            {
                rows.AsSpan((int)bounds[c], counts[c]).CopyTo(rows.AsSpan(offsets[c]));
                weights.AsSpan((int)bounds[c], counts[c]).CopyTo(weights.AsSpan(offsets[c]));
            }
        }
        return new ComputeMatrix(rowCount, offsets, rows, weights);
    }

    /// <summary>Entries per row of M.</summary>
    public int[] RowLengths()
    {
        var lengths = new int[RowCount];
        foreach (var row in RowSpan)
        {
            lengths[row]++;
        }
        return lengths;
    }

    /// <summary>
    /// The row view (CSR) of rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of M: for each of those
    /// output neurons, its input features and weights. Built a range at a time so that counting W's rows
    /// never holds a full second copy of M.
    /// </summary>
    public (int[] Offsets, int[] Columns, int[] Weights) Transpose(int rowStart, int rowEnd, ReadOnlySpan<int> rowLengths)
    {
        long entries = 0;
        for (var r = rowStart; r < rowEnd; r++)
        {
            entries += rowLengths[r];
        }
        var (offsets, columns, weights) = (new int[rowEnd - rowStart + 1], new int[entries], new int[entries]);
        TransposeInto(rowStart, rowEnd, rowLengths, offsets, columns, weights);
        return (offsets, columns, weights);
    }

    /// <summary>
    /// <see cref="Transpose(int, int, ReadOnlySpan{int})"/> into buffers the caller owns and may reuse from one range to the
    /// next (at m' = 10^7 a fresh pair of 256 MB arrays per range cost more in page faults than the copy itself):
    /// <paramref name="offsets"/> holds at least one slot more than the rows, the others at least the range's entries.
    /// With <paramref name="cursors"/> from <see cref="NewRangeCursors"/>, for ranges taken in increasing order, each
    /// core starts every column where its previous range stopped instead of scanning all of M again.
    /// </summary>
    internal void TransposeInto(int rowStart, int rowEnd, ReadOnlySpan<int> rowLengths, int[] offsets, int[] columns, int[] weights, int[][]? cursors = null)
    {
        offsets[0] = 0;
        for (var r = rowStart; r < rowEnd; r++)
        {
            offsets[r - rowStart + 1] = offsets[r - rowStart] + rowLengths[r];
        }
        if (columns.Length < offsets[rowEnd - rowStart] || weights.Length < offsets[rowEnd - rowStart])
        {
            throw new ArgumentException("transpose buffers are shorter than the range's entries");
        }
        // Each core takes a slice of the rows and walks M's columns for them (all of each column, or from
        // its cursor on): the slices' slots are disjoint and each row's entries still come in column order,
        // so the result does not depend on scheduling.
        var slices = Math.Clamp(TransposeSlices, 1, Math.Max(1, rowEnd - rowStart));
        Parallel.For(0, slices, slice =>
        {
            var from = rowStart + (int)((long)(rowEnd - rowStart) * slice / slices);
            var to = rowStart + (int)((long)(rowEnd - rowStart) * (slice + 1) / slices);
            var cursor = offsets[(from - rowStart)..(to - rowStart)];
            if (cursors is not null)
            {
                // Rows ascend in every column: skip the rows before the slice, take the slice's, and keep
                // the column's position for the next range. Each range reads only its own entries.
                var next = cursors[slice];
                for (var c = 0; c < ColumnCount; c++)
                {
                    var (k, end) = (next[c], _columnOffsets[c + 1]);
                    while (k < end && _rows[k] < from)
                    {
                        k++;
                    }
                    for (; k < end && _rows[k] < to; k++)
                    {
                        var slot = cursor[_rows[k] - from]++;
                        columns[slot] = c;
                        weights[slot] = _weights[k];
                    }
                    next[c] = k;
                }
                return;
            }
            for (var c = 0; c < ColumnCount; c++)
            {
                for (var k = _columnOffsets[c]; k < _columnOffsets[c + 1]; k++)
                {
                    var row = _rows[k];
                    if (row >= from && row < to)
                    {
                        var slot = cursor[row - from]++;
                        columns[slot] = c;
                        weights[slot] = _weights[k];
                    }
                }
            }
        });
    }

    /// <summary>
    /// Per core, a position in each column for <see cref="TransposeInto"/> to transpose ranges of rows in
    /// increasing order, or null when some column's rows do not ascend (FromColumns's always do; a matrix
    /// built directly need not), and each range must scan all of M.
    /// </summary>
    internal int[][]? NewRangeCursors()
    {
        var ascending = true;
        Parallel.For(0, ColumnCount, (c, loop) =>
        {
            var rows = Rows(c);
            for (var k = 1; k < rows.Length; k++)
            {
                if (rows[k] < rows[k - 1])
                {
                    ascending = false;
                    loop.Stop();
                    return;
                }
            }
        });
        return ascending ? [.. Enumerable.Range(0, TransposeSlices).Select(_ => _columnOffsets[..^1])] : null;
    }

    /// <summary>How many cores share a transpose: one slice of the rows each.</summary>
    private static int TransposeSlices => Math.Max(1, Environment.ProcessorCount);

    /// <summary>The row view (CSR) of all of M.</summary>
    public (int[] Offsets, int[] Columns, int[] Weights) Transpose() => Transpose(0, RowCount, RowLengths());
}
