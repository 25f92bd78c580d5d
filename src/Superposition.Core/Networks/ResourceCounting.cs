using Superposition.Bounds;
using Superposition.Codes;

namespace Superposition.Networks;

/// <summary>
/// Exact resource counts of a factored network without materialising W = M · Dec (docs/mathematics.md
/// §4.5 and §5). Row u of W is non-zero exactly on the union of the input codes of the inputs that M
/// reads on row u (all terms are non-negative, so nothing cancels); its values are the integer sums
/// Σ M[u,i] over the inputs whose code holds the column, scaled by 1/b_in.
/// </summary>
public static class ResourceCounting
{
    private const int SmallValues = 4096;

    /// <summary>
    /// How many entries ahead the row walk asks for an input code. The codes a row reads lie far apart
    /// in a large array, and fetching them is most of the count's time (6× against a cache-resident
    /// stand-in at m' = 3·10⁶). Prefetching both cache lines of the code, with its start computed from
    /// the uniform width and a branch-free union, took the count at m' = 3·10⁶ from 52.5 s to 28.3 s.
    /// </summary>
    private const int PrefetchDistance = 16;

    private static int CodeStart(ReadOnlySpan<int> codeOffsets, int uniformWidth, int column) =>
        uniformWidth >= 0 ? column * uniformWidth : codeOffsets[column];

    public static ResourceCounts Count(InputEncoding encoding, Code inputCode, ComputeMatrix? compute, ReadOnlySpan<double> biases, Code outputCode) =>
        Count(encoding, inputCode, compute, biases, outputCode, EntriesPerRange);

    /// <summary>
    /// <see cref="Count(InputEncoding, Code, ComputeMatrix?, ReadOnlySpan{double}, Code)"/> with M transposed
    /// <paramref name="entriesPerRange"/> entries at a time (at least one row), so tests can run the
    /// multi-range walk, which production reaches only beyond 2^26 nonzeros, on small networks.
    /// </summary>
    internal static ResourceCounts Count(InputEncoding encoding, Code inputCode, ComputeMatrix? compute, ReadOnlySpan<double> biases, Code outputCode, long entriesPerRange)
    {
        var inputNeurons = encoding == InputEncoding.Targets ? 0 : inputCode.NeuronCount;
        var codeBits = CodeBits(outputCode) + (encoding == InputEncoding.Targets ? 0.0 : CodeBits(inputCode));
        if (compute is null)
        {
            return new ResourceCounts(inputNeurons, 0, outputCode.NeuronCount, 0, 0, inputCode.UniformWidth, outputCode.UniformWidth, 0.0, codeBits);
        }
        var (rowNonzeros, rowValues) = CountRows(inputCode, compute, entriesPerRange);
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

    /// <summary>
    /// Resource counts of a network of any shape (docs/mathematics.md §5, "Networks of several layers"):
    /// neurons are the input stage's units plus every layer's width (the last layer is the output layer;
    /// with no layer the stage's units are); weights are W's nonzeros for a factored layer, counted as above,
    /// and the stored nonzeros of every affine matrix and of an embedding; every bias is a parameter;
    /// read-out thresholds are not (like a decoder's threshold). Weight bits follow the same rule for
    /// every matrix: log2 C(columns, nonzeros) per row plus log2 of its distinct nonzero values per
    /// nonzero, and max(1, log2 distinct biases) per bias.
    /// </summary>
    public static ResourceCounts Count(InputStage input, IReadOnlyList<Layer> layers, Readout readout)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(readout);
        var inputCode = input.CodeOrNull;
        long weights = 0;
        long biases = 0;
        var weightBits = 0.0;
        if (input is InputStage.Embedding embedding)
        {
            (weights, weightBits) = MatrixCount(embedding.Weights);
        }
        var hidden = 0L;
        for (var k = 0; k < layers.Count; k++)
        {
            var (layerWeights, layerBits, layerBiases) = layers[k] switch
            {
                Layer.Factored factored => FactoredCount(inputCode!, factored),
                Layer.Affine affine => AffineCount(affine),
                var other => throw new System.Diagnostics.UnreachableException($"layer {other.GetType().Name} has no count"),
            };
            weights += layerWeights;
            weightBits += layerBits;
            biases += layerBiases;
            hidden += k < layers.Count - 1 ? layers[k].Width : 0;
        }
        var inputNeurons = layers.Count == 0 ? 0 : input.Width;
        var outputNeurons = layers.Count == 0 ? input.Width : layers[^1].Width;
        var codeBits = input is InputStage.Embedding or InputStage.Targets || inputCode is null ? 0.0 : CodeBits(inputCode);
        var (widthIn, widthOut) = (inputCode?.UniformWidth ?? 0, 1);
        if (readout is Readout.Code code)
        {
            codeBits += CodeBits(code.OutputCode);
            widthOut = code.OutputCode.UniformWidth;
        }
        return new ResourceCounts(inputNeurons, checked((int)hidden), outputNeurons, weights, biases, widthIn, widthOut, weightBits, codeBits);
    }

    private static (long Weights, double Bits, long Biases) FactoredCount(Code inputCode, Layer.Factored layer)
    {
        var counts = Count(InputEncoding.Superposed, inputCode, layer.Compute, layer.Biases.AsSpan(), CodeFactory.Explicit(0));
        return (counts.WeightCount, counts.WeightBits, counts.BiasCount);
    }

    private static (long Weights, double Bits, long Biases) AffineCount(Layer.Affine layer)
    {
        var (weights, bits) = MatrixCount(layer.Weights);
        var distinctBiases = layer.Bias.Distinct().Count();
        return (weights, bits + (layer.Bias.Length * Math.Max(1.0, Log2.Of(distinctBiases))), layer.Bias.Length);
    }

    private static (long Weights, double Bits) MatrixCount(WeightMatrix matrix)
    {
        var valueBits = Log2.Of(matrix.DistinctNonzeroValues);
        var bits = 0.0;
        for (var row = 0; row < matrix.RowCount; row++)
        {
            var nonzeros = matrix.RowNonzeros(row);
            bits += Log2.Choose(matrix.ColumnCount, nonzeros) + (nonzeros * valueBits);
        }
        return (matrix.NonzeroCount, bits);
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
    private static (int[] Nonzeros, List<HashSet<int>> Values) CountRows(Code inputCode, ComputeMatrix compute, long entriesPerRange)
    {
        var rowLengths = compute.RowLengths();
        var nonzeros = new int[compute.RowCount];
        var values = new List<HashSet<int>>();
        for (var start = 0; start < compute.RowCount;)
        {
            var end = start;
            long entries = 0;
            while (end < compute.RowCount && (end == start || entries + rowLengths[end] <= entriesPerRange))
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
        // Input codes are uniform in every construction here (Network.Create checks it), so a code's start
        // is column · width: no scattered read of the offsets before the scattered read of the code.
        var uniformWidth = inputCode.UniformWidth;
        Parallel.For(0, chunkCount, chunk =>
        {
            var sums = new int[inputCode.NeuronCount];
            // One slot more than neurons: the branch-free append below writes before it knows whether to keep.
            var touched = new int[inputCode.NeuronCount + 1];
            var seen = new HashSet<int>();
            var seenSmall = new bool[SmallValues];
            var (start, end) = ((int)((long)rowCount * chunk / chunkCount), (int)((long)rowCount * (chunk + 1) / chunkCount));
            var codeOffsets = inputCode.ForwardOffsets;
            var codeNeurons = inputCode.ForwardNeurons;
            for (var row = start; row < end; row++)
            {
                var distinct = 0;
                for (var k = offsets[row]; k < offsets[row + 1]; k++)
                {
                    if (k + PrefetchDistance < columns.Length)
                    {
                        // A code spans two cache lines more often than not: ask for its first and last entry.
                        var ahead = columns[k + PrefetchDistance];
                        Prefetching.Prefetch(codeNeurons, CodeStart(codeOffsets, uniformWidth, ahead));
                        Prefetching.Prefetch(codeNeurons, CodeStart(codeOffsets, uniformWidth, ahead + 1) - 1);
                    }
                    var weight = weights[k];
                    foreach (var neuron in codeNeurons[CodeStart(codeOffsets, uniformWidth, columns[k])..CodeStart(codeOffsets, uniformWidth, columns[k] + 1)])
                    {
                        // Branch-free union: append every neuron, keep it only if its sum was still zero
                        // (weights are positive, so a zero sum means not yet seen on this row).
                        touched[distinct] = neuron;
                        distinct += sums[neuron] == 0 ? 1 : 0;
                        sums[neuron] += weight;
                    }
                }
                nonzeros[rowStart + row] = distinct;
                foreach (var neuron in touched.AsSpan(0, distinct))
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
