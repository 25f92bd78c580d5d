using System.Runtime.CompilerServices;
using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// Working memory of <see cref="LayeredEvaluator"/> for one network: one activation vector per stage and
/// layer, the indices of each vector's nonzero entries (the sums skip zero terms), and per-feature counts
/// for a factored layer. Not thread-safe: one per worker.
/// </summary>
internal sealed class LayeredScratch
{
    public LayeredScratch(Network network)
    {
        var widths = new[] { network.Input.Width }.Concat(network.Layers.Select(layer => layer.Width)).ToArray();
        Vectors = [.. widths.Select(width => new double[width])];
        Nonzeros = [.. widths.Select(width => new int[width])];
        FeatureCounts = new long[network.Input.CodeOrNull?.FeatureCount ?? 0];
        Accumulators = new long[network.Layers.OfType<Layer.Factored>().Select(layer => layer.Width).DefaultIfEmpty(0).Max()];
        Marked = new bool[network.Input.FeatureCount];
        Ordered = new int[network.Input.FeatureCount];
        Decoded = new int[network.Readout.OutputCount];
        var widest = network.Readout is Readout.Code code ? Enumerable.Range(0, code.OutputCode.FeatureCount).Select(code.OutputCode.Width).DefaultIfEmpty(0).Max() : 0;
        Support = new double[widest];
        SparseColumns = [.. network.Layers.Select(layer => layer is Layer.Affine { Weights: WeightMatrix.Sparse sparse } ? Evaluation.SparseColumns.Shared(sparse) : null)];
        Sums = new double[network.Layers.Select(layer => layer.Width).DefaultIfEmpty(0).Max()];
    }

    /// <summary>
    /// Each sparse affine layer's nonzero entries by column (null for other layers), for the push from
    /// nonzero inputs. Read-only, so one copy per matrix serves every worker.
    /// </summary>
    public SparseColumns?[] SparseColumns { get; }

    /// <summary>The pre-activations of a layer pushed by columns.</summary>
    public double[] Sums { get; }

    /// <summary>Vectors[0] is the stage's output; Vectors[k + 1] is layer k's.</summary>
    public double[][] Vectors { get; }

    /// <summary>Ascending indices of the nonzero entries of each vector.</summary>
    public int[][] Nonzeros { get; }

    public long[] FeatureCounts { get; }

    /// <summary>A factored layer's integer accumulators.</summary>
    public long[] Accumulators { get; }

    /// <summary>Which features are active (an embedding reads them in ascending order).</summary>
    public bool[] Marked { get; }

    /// <summary>An embedding's active features, ascending.</summary>
    public int[] Ordered { get; }

    public int[] Decoded { get; }

    public double[] Support { get; }
}

/// <summary>The nonzero entries of a sparse matrix by column, rows ascending within a column.</summary>
internal sealed record SparseColumns(int[] Offsets, int[] Rows, double[] Values)
{
    private static readonly ConditionalWeakTable<WeightMatrix.Sparse, Lazy<SparseColumns>> ByMatrix = new();

    /// <summary>
    /// <see cref="Of"/> computed once per matrix instance and shared by every scratch made for it (the
    /// by-column copy costs as much memory as the matrix), kept only while the matrix is alive.
    /// </summary>
    public static SparseColumns Shared(WeightMatrix.Sparse matrix) =>
        ByMatrix.GetValue(matrix, m => new Lazy<SparseColumns>(() => Of(m), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public static SparseColumns Of(WeightMatrix.Sparse matrix)
    {
        var offsets = new int[matrix.ColumnCount + 1];
        for (var u = 0; u < matrix.RowCount; u++)
        {
            var values = matrix.RowValues(u);
            var columns = matrix.RowColumns(u);
            for (var k = 0; k < columns.Length; k++)
            {
                offsets[columns[k] + 1] += values[k] != 0 ? 1 : 0;
            }
        }
        for (var j = 0; j < matrix.ColumnCount; j++)
        {
            offsets[j + 1] += offsets[j];
        }
        var next = offsets[..^1];
        var rows = new int[offsets[^1]];
        var entries = new double[offsets[^1]];
        for (var u = 0; u < matrix.RowCount; u++)
        {
            var values = matrix.RowValues(u);
            var columns = matrix.RowColumns(u);
            for (var k = 0; k < columns.Length; k++)
            {
                if (values[k] != 0)
                {
                    rows[next[columns[k]]] = u;
                    entries[next[columns[k]]++] = values[k];
                }
            }
        }
        return new SparseColumns(offsets, rows, entries);
    }
}
