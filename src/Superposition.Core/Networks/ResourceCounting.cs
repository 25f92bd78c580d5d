using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Superposition.Bounds;
using Superposition.Codes;

namespace Superposition.Networks;

/// <summary>
/// Exact resource counts of a factored network without materialising W = M · Dec (constructions.md
/// 4.5 and 5). Row u of W is non-zero exactly on the union of the input codes of the inputs that M
/// reads on row u (all terms are non-negative, so nothing cancels); its values are the integer sums
/// Σ M[u,i] over the inputs whose code holds the column, scaled by 1/b_in.
/// </summary>
public static class ResourceCounting
{
    private const int SmallValues = 4096;

    /// <summary>
    /// How many entries ahead the row walk asks for an input code. The codes a row reads lie far apart
    /// in a large array, and fetching them is most of the count's time (6× against a cache-resident
    /// stand-in at m' = 3·10⁶); prefetching overlaps those misses (about 1.3× measured).
    /// </summary>
    private const int PrefetchDistance = 16;

    private static unsafe void Prefetch(ReadOnlySpan<int> values, int index)
    {
        if (Sse.IsSupported && (uint)index < (uint)values.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in values[index])));
        }
    }

    public static ResourceCounts Count(InputEncoding encoding, Code inputCode, ComputeMatrix? compute, ReadOnlySpan<double> biases, Code outputCode)
    {
        var inputNeurons = encoding == InputEncoding.Targets ? 0 : inputCode.NeuronCount;
        var codeBits = CodeBits(outputCode) + (encoding == InputEncoding.Targets ? 0.0 : CodeBits(inputCode));
        if (compute is null)
        {
            return new ResourceCounts(inputNeurons, 0, outputCode.NeuronCount, 0, 0, inputCode.UniformWidth, outputCode.UniformWidth, 0.0, codeBits);
        }
        var (rowNonzeros, rowValues) = CountRows(inputCode, compute);
        var distinctValues = rowValues.Aggregate(new HashSet<int>(), (all, row) => { all.UnionWith(row); return all; }).Count;
        var valueBits = Log2.Of(distinctValues);
        var weightBits = 0.0;
        long weightCount = 0;
        foreach (var nonzeros in rowNonzeros)
        {
            weightCount += nonzeros;
            weightBits += Log2.Choose(inputCode.NeuronCount, nonzeros) + (nonzeros * valueBits);
        }
        var distinctBiases = new HashSet<double>(biases.ToArray()).Count;
        weightBits += biases.Length * Math.Max(1.0, Log2.Of(distinctBiases));
        return new ResourceCounts(inputNeurons, 0, outputCode.NeuronCount, weightCount, biases.Length, inputCode.UniformWidth, outputCode.UniformWidth, weightBits, codeBits);
    }

    /// <summary>Bits to write a code down: log2 C(n, |S_f|) per feature; an explicit code is fixed and costs nothing.</summary>
    public static double CodeBits(Code code)
    {
        if (code.IsExplicit)
        {
            return 0.0;
        }
        var bits = 0.0;
        for (var f = 0; f < code.FeatureCount; f++)
        {
            bits += Log2.Choose(code.NeuronCount, code.Width(f));
        }
        return bits;
    }

    /// <summary>Rows of M transposed at a time: bounds the extra memory of counting to about 512 MB.</summary>
    private const long EntriesPerRange = 1L << 26;

    /// <summary>
    /// Per output neuron: nnz of its row of W, and the distinct integer values b_in·W[u,v] on it. M is
    /// transposed one range of rows at a time; within a range, rows are counted in parallel chunks with
    /// chunk-local scratch; results land in per-row slots, so the totals do not depend on scheduling.
    /// </summary>
    private static (int[] Nonzeros, List<HashSet<int>> Values) CountRows(Code inputCode, ComputeMatrix compute)
    {
        var rowLengths = compute.RowLengths();
        var nonzeros = new int[compute.RowCount];
        var values = new List<HashSet<int>>();
        for (var start = 0; start < compute.RowCount;)
        {
            var end = start;
            long entries = 0;
            while (end < compute.RowCount && (end == start || entries + rowLengths[end] <= EntriesPerRange))
            {
                entries += rowLengths[end++];
            }
            values.AddRange(CountRange(inputCode, compute, start, end, rowLengths, nonzeros));
            start = end;
        }
        return (nonzeros, values);
    }

    private static HashSet<int>[] CountRange(Code inputCode, ComputeMatrix compute, int rowStart, int rowEnd, int[] rowLengths, int[] nonzeros)
    {
        var (offsets, columns, weights) = compute.Transpose(rowStart, rowEnd, rowLengths);
        var rowCount = rowEnd - rowStart;
        var chunkCount = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, rowCount / 1024));
        var values = new HashSet<int>[chunkCount];
        Parallel.For(0, chunkCount, chunk =>
        {
            var sums = new int[inputCode.NeuronCount];
            var touched = new List<int>();
            var seen = new HashSet<int>();
            var seenSmall = new bool[SmallValues];
            var (start, end) = ((int)((long)rowCount * chunk / chunkCount), (int)((long)rowCount * (chunk + 1) / chunkCount));
            var codeOffsets = inputCode.ForwardOffsets;
            var codeNeurons = inputCode.ForwardNeurons;
            for (var row = start; row < end; row++)
            {
                for (var k = offsets[row]; k < offsets[row + 1]; k++)
                {
                    if (k + PrefetchDistance < columns.Length)
                    {
                        Prefetch(codeNeurons, codeOffsets[columns[k + PrefetchDistance]]);
                    }
                    foreach (var neuron in codeNeurons[codeOffsets[columns[k]]..codeOffsets[columns[k] + 1]])
                    {
                        if (sums[neuron] == 0)
                        {
                            touched.Add(neuron);
                        }
                        sums[neuron] += weights[k];
                    }
                }
                nonzeros[rowStart + row] = touched.Count;
                foreach (var neuron in touched)
                {
                    // Nearly every value is a small integer: a flag array avoids a hash per nonzero of W.
                    var value = sums[neuron];
                    if (value < SmallValues)
                    {
                        seenSmall[value] = true;
                    }
                    else
                    {
                        seen.Add(value);
                    }
                    sums[neuron] = 0;
                }
                touched.Clear();
            }
            for (var value = 0; value < SmallValues; value++)
            {
                if (seenSmall[value])
                {
                    seen.Add(value);
                }
            }
            values[chunk] = seen;
        });
        return values;
    }
}
