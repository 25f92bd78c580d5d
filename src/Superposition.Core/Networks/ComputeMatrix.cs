using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Superposition.Networks;

/// <summary>
/// The compute matrix M (output neurons × input features) of W = M · Dec, stored by column (CSC): for
/// each input feature, the output neurons it feeds and the integer weight. Weights are integers in
/// every construction here, which keeps evaluation exact (constructions.md 4.4).
/// </summary>
public sealed class ComputeMatrix
{
    private readonly int[] _columnOffsets;
    private readonly int[] _rows;
    private readonly int[] _weights;

    public ComputeMatrix(int rowCount, int[] columnOffsets, int[] rows, int[] weights)
    {
        if (rows.Length != weights.Length || columnOffsets.Length == 0 || columnOffsets[^1] != rows.Length)
        {
            throw new ArgumentException("inconsistent CSC arrays");
        }
        // Positive weights are what makes factored evaluation exact and cheap: no contribution cancels,
        // so an untouched neuron sits at its (negative) bias and W's sparsity is the union of codes.
        if (weights.Any(w => w <= 0))
        {
            throw new ArgumentException("compute weights must be positive integers");
        }
        RowCount = rowCount;
        _columnOffsets = columnOffsets;
        _rows = rows;
        _weights = weights;
    }

    public int RowCount { get; }

    public int ColumnCount => _columnOffsets.Length - 1;

    public long NonzeroCount => _rows.Length;

    public ReadOnlySpan<int> Rows(int column) => _rows.AsSpan(_columnOffsets[column], _columnOffsets[column + 1] - _columnOffsets[column]);

    public ReadOnlySpan<int> Weights(int column) => _weights.AsSpan(_columnOffsets[column], _columnOffsets[column + 1] - _columnOffsets[column]);

    internal ReadOnlySpan<int> ColumnOffsetSpan => _columnOffsets;

    internal ReadOnlySpan<int> RowSpan => _rows;

    internal ReadOnlySpan<int> WeightSpan => _weights;

    public ImmutableArray<int> ColumnOffsets => ImmutableCollectionsMarshal.AsImmutableArray(_columnOffsets);

    public ImmutableArray<int> RowIndices => ImmutableCollectionsMarshal.AsImmutableArray(_rows);

    public ImmutableArray<int> WeightValues => ImmutableCollectionsMarshal.AsImmutableArray(_weights);

    /// <summary>
    /// Builds M from (row, column, weight) entries given column by column. Entries of one column are
    /// sorted by row; a repeated (row, column) keeps the larger weight, so "once per input, even if it
    /// appears in several pairs" holds by construction.
    /// </summary>
    public static ComputeMatrix FromColumns(int rowCount, int columnCount, Func<int, IEnumerable<(int Row, int Weight)>> column)
    {
        var offsets = new int[columnCount + 1];
        var rows = new List<int>();
        var weights = new List<int>();
        var buffer = new List<(int Row, int Weight)>();
        for (var c = 0; c < columnCount; c++)
        {
            buffer.Clear();
            buffer.AddRange(column(c));
            buffer.Sort();
            for (var k = 0; k < buffer.Count; k++)
            {
                if (k + 1 < buffer.Count && buffer[k + 1].Row == buffer[k].Row)
                {
                    continue;
                }
                rows.Add(buffer[k].Row);
                weights.Add(buffer[k].Weight);
            }
            offsets[c + 1] = rows.Count;
        }
        return new ComputeMatrix(rowCount, offsets, [.. rows], [.. weights]);
    }

    /// <summary>The row view (CSR) of M: for each output neuron, its input features and weights.</summary>
    public (int[] Offsets, int[] Columns, int[] Weights) Transpose()
    {
        var offsets = new int[RowCount + 1];
        foreach (var row in _rows)
        {
            offsets[row + 1]++;
        }
        for (var r = 0; r < RowCount; r++)
        {
            offsets[r + 1] += offsets[r];
        }
        var cursor = offsets[..^1];
        var columns = new int[_rows.Length];
        var weights = new int[_rows.Length];
        for (var c = 0; c < ColumnCount; c++)
        {
            for (var k = _columnOffsets[c]; k < _columnOffsets[c + 1]; k++)
            {
                var slot = cursor[_rows[k]]++;
                columns[slot] = c;
                weights[slot] = _weights[k];
            }
        }
        return (offsets, columns, weights);
    }
}
