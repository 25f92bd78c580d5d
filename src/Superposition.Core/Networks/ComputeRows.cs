namespace Superposition.Networks;

/// <summary>
/// The row view (CSR) of the compute matrix M, for the batched forward pass: per output neuron, the input
/// features it reads and their weights, features ascending. Made once per network, on first use, from
/// <see cref="ComputeMatrix.Transpose()"/>.
/// </summary>
internal sealed class ComputeRows
{
    public ComputeRows(ComputeMatrix compute)
    {
        (Offsets, Columns, Weights) = compute.Transpose();
        UnitRows = new bool[compute.RowCount];
        for (var row = 0; row < compute.RowCount; row++)
        {
            var weights = Weights.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);
            UnitRows[row] = !weights.ContainsAnyExcept(1);
            MaxEntryWeight = Math.Max(MaxEntryWeight, MaxOf(weights));
        }
    }

    /// <summary>Row r's entries are Columns[Offsets[r] .. Offsets[r + 1]].</summary>
    public int[] Offsets { get; }

    public int[] Columns { get; }

    public int[] Weights { get; }

    /// <summary>Per row, whether every weight is 1.</summary>
    public bool[] UnitRows { get; }

    /// <summary>The largest single weight of M.</summary>
    public int MaxEntryWeight { get; }

    private static int MaxOf(ReadOnlySpan<int> values)
    {
        var max = 0;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }
        return max;
    }
}
