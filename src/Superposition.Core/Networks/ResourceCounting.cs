using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
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
    /// stand-in at m' = 3·10⁶). Prefetching the code's cache lines with a branch-free union took the
    /// count at m' = 3·10⁶ from 52.5 s to 28.3 s; packing each code into one line (PackedCodes) and
    /// the bitmap union took it further (docs/performance.md).
    /// </summary>
    private const int PrefetchDistance = 16;

    public static ResourceCounts Count(InputEncoding encoding, Code inputCode, ComputeMatrix? compute, ReadOnlySpan<double> biases, Code outputCode) =>
        Count(encoding, inputCode, compute, biases, outputCode, EntriesPerRange, null);

    /// <summary>
    /// As above, with W's row nonzeros and values taken from its bitmaps where the network has them
    /// (they hold W's support already; the count of W's rows is then not run).
    /// </summary>
    internal static ResourceCounts Count(InputEncoding encoding, Code inputCode, ComputeMatrix? compute, ReadOnlySpan<double> biases, Code outputCode, WeightBitmap? bitmap) =>
        Count(encoding, inputCode, compute, biases, outputCode, EntriesPerRange, bitmap);

    /// <summary>
    /// <see cref="Count(InputEncoding, Code, ComputeMatrix?, ReadOnlySpan{double}, Code)"/> with M transposed
    /// <paramref name="entriesPerRange"/> entries at a time (at least one row), so tests can run the
    /// multi-range walk, which production reaches only beyond 2^26 nonzeros, on small networks.
    /// </summary>
    internal static ResourceCounts Count(InputEncoding encoding, Code inputCode, ComputeMatrix? compute, ReadOnlySpan<double> biases, Code outputCode, long entriesPerRange, WeightBitmap? bitmap = null)
    {
        var inputNeurons = encoding == InputEncoding.Targets ? 0 : inputCode.NeuronCount;
        var codeBits = CodeBits(outputCode) + (encoding == InputEncoding.Targets ? 0.0 : CodeBits(inputCode));
        if (compute is null)
        {
            return new ResourceCounts(inputNeurons, 0, outputCode.NeuronCount, 0, 0, inputCode.UniformWidth, outputCode.UniformWidth, 0.0, codeBits);
        }
        var (rowNonzeros, rowValues) = bitmap is null ? CountRows(inputCode, compute, entriesPerRange) : (bitmap.RowNonzeros, bitmap.Values);
        var distinctValues = rowValues.Count;
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

    /// <summary>Entries of M transposed at a time: bounds the transpose buffers to about 512 MB.</summary>
    private const long EntriesPerRange = 1L << 26;

    /// <summary>
    /// Per output neuron: nnz of its row of W, and the distinct integer values b_in·W[u,v] over all rows. M is
    /// transposed one range of rows at a time into buffers reused from range to range, each core resuming
    /// every column where its previous range stopped when the columns' rows ascend; a code of one width is
    /// read from its packed copy (one cache line per feature at m' = 10^7). Within a range, rows are counted
    /// in parallel chunks with chunk-local scratch; results land in per-row slots and one set of values, so
    /// the totals do not depend on scheduling.
    /// </summary>
    internal static (int[] Nonzeros, HashSet<int> Values) CountRows(Code inputCode, ComputeMatrix compute, long entriesPerRange)
    {
        if (compute.ColumnCount != inputCode.FeatureCount)
        {
            throw new ArgumentException($"M has {compute.ColumnCount} columns but the input code has {inputCode.FeatureCount} features");
        }
        var rowLengths = compute.RowLengths();
        var nonzeros = new int[compute.RowCount];
        var values = new HashSet<int>();
        var ranges = new List<(int Start, int End)>();
        long largest = 0;
        var widest = 0;
        for (var start = 0; start < compute.RowCount;)
        {
            var end = start;
            long entries = 0;
            while (end < compute.RowCount && (end == start || entries + rowLengths[end] <= entriesPerRange))
            {
                entries += rowLengths[end++];
            }
            ranges.Add((start, end));
            (largest, widest, start) = (Math.Max(largest, entries), Math.Max(widest, end - start), end);
        }
        var (offsets, columns, weights) = (new int[widest + 1], new int[largest], new int[largest]);
        using var packed = PackedCodes.Pack(inputCode);
        var cursors = compute.NewRangeCursors();
        foreach (var (start, end) in ranges)
        {
            compute.TransposeInto(start, end, rowLengths, offsets, columns, weights, cursors);
            values.UnionWith(CountRange(inputCode, packed, start, end - start, offsets, columns, weights, nonzeros));
        }
        return (nonzeros, values);
    }

    /// <summary>
    /// The rows of one transposed range, in parallel chunks. Row u of W is the union of the codes of the
    /// inputs on row u of M (docs/mathematics.md §5): the codes are OR-ed into a bitmap of the input
    /// neurons (n_in / 8 bytes: 41 KB at m' = 10^7, in L1, where an int per neuron was 1.3 MB and missed L2),
    /// and every hit on a neuron already set is listed as a repeat. Then nnz = hits − repeats, and the
    /// values need only the repeats: on a row whose weights are all w (every row of superposed-and's
    /// channel), a neuron hit h times holds h · w; on a row of mixed weights a second walk over the row's
    /// codes (still cached) sums the repeated neurons and notes the weight of every entry with a neuron hit
    /// once. Exactly the values and counts of summing every hit per neuron, which the tests check.
    /// </summary>
    private static HashSet<int> CountRange(Code inputCode, PackedCodes? packed, int rowStart, int rowCount, int[] offsets, int[] columns, int[] weights, int[] nonzeros)
    {
        var chunkCount = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, rowCount / 1024));
        var values = new HashSet<int>[chunkCount];
        Parallel.For(0, chunkCount, chunk =>
        {
            var scratch = new RowScratch(inputCode, packed);
            var (start, end) = ((int)((long)rowCount * chunk / chunkCount), (int)((long)rowCount * (chunk + 1) / chunkCount));
            for (var row = start; row < end; row++)
            {
                nonzeros[rowStart + row] = scratch.CountRow(columns, weights, offsets[row], offsets[row + 1]);
            }
            values[chunk] = scratch.Values();
        });
        return values.Aggregate(new HashSet<int>(), (all, chunk) => { all.UnionWith(chunk); return all; });
    }

    /// <summary>One worker's state for counting rows of W: two bitmaps and a hit counter per input neuron, the repeats of the current row, the values seen.</summary>
    private sealed class RowScratch(Code inputCode, PackedCodes? packed)
    {
        private readonly ulong[] _hit = new ulong[(inputCode.NeuronCount + 63) / 64];
        private readonly ulong[] _repeated = new ulong[(inputCode.NeuronCount + 63) / 64];
        private readonly int[] _sums = new int[inputCode.NeuronCount];
        private readonly HashSet<int> _values = [];
        private readonly bool[] _smallValues = new bool[SmallValues];
        private int[] _repeats = new int[1024];

        /// <summary>Counts the row of W whose row of M is entries [<paramref name="from"/>, <paramref name="to"/>); returns its nnz.</summary>
        public int CountRow(int[] columns, int[] weights, int from, int to)
        {
            if (from == to)
            {
                return 0;
            }
            var (hits, repeats) = packed is null ? OrCodes(columns, from, to) : OrPackedCodes(packed, columns, from, to);
            var distinct = hits - repeats;
            var rowWeights = weights.AsSpan(from, to - from);
            if (!rowWeights.ContainsAnyExcept(rowWeights[0]))
            {
                UniformValues(rowWeights[0], repeats, distinct);
            }
            else
            {
                MixedValues(columns, weights, from, to, repeats);
            }
            ClearHits(columns, from, to, hits);
            return distinct;
        }

        /// <summary>All values seen, small ones from the flag array.</summary>
        public HashSet<int> Values()
        {
            for (var value = 0; value < SmallValues; value++)
            {
                if (_smallValues[value])
                {
                    _values.Add(value);
                }
            }
            return _values;
        }

        /// <summary>
        /// Sets every code neuron of the row in the hit bitmap; lists each hit on a neuron already set.
        /// Returns (hits, repeats). For codes whose features differ in width; codes of one width take
        /// <see cref="OrPackedCodes"/>.
        /// </summary>
        private unsafe (int Hits, int Repeats) OrCodes(int[] columns, int from, int to)
        {
            var codeOffsets = inputCode.ForwardOffsets;
            long hits = 0;
            for (var k = from; k < to; k++)
            {
                hits += codeOffsets[columns[k] + 1] - codeOffsets[columns[k]];
            }
            EnsureListFor(hits);
            // Raw pointers: this loop and its packed twin are most of the count's time, and with spans their
            // bounds checks, slices and the prefetch helper's checks made the whole count about a tenth
            // longer at m' = 3·10^6 (docs/performance.md).
            // Every address is inside its array: a Code's neurons lie in [0, NeuronCount) (its constructor
            // checks), so every word is inside the bitmap; the list holds the row's hits (sized just above);
            // a column of M indexes a feature of the code (CountRows checks that the shapes agree).
            fixed (int* codes = inputCode.ForwardNeurons, offsets = codeOffsets, rowColumns = columns, listed = _repeats)
            fixed (ulong* hit = _hit)
            {
                var repeats = 0;
                var prefetchEnd = Math.Min(to, columns.Length - PrefetchDistance);
                for (var k = from; k < to; k++)
                {
                    if (k < prefetchEnd && Sse.IsSupported)
                    {
                        // A code spans two cache lines more often than not: ask for its first and last entry.
                        var ahead = rowColumns[k + PrefetchDistance];
                        Sse.Prefetch0(codes + offsets[ahead]);
                        Sse.Prefetch0(codes + offsets[ahead + 1] - 1);
                    }
                    var end = codes + offsets[rowColumns[k] + 1];
                    for (var neuron = codes + offsets[rowColumns[k]]; neuron < end; neuron++)
                    {
                        Or(hit, listed, ref repeats, *neuron);
                    }
                }
                return ((int)hits, repeats);
            }
        }

        private void EnsureListFor(long hits)
        {
            if (hits > _repeats.Length)
            {
                _repeats = new int[Math.Max(hits, 2L * _repeats.Length)];
            }
        }

        /// <summary><see cref="OrCodes"/> over the packed copy: one line per code to fetch, its fields unpacked in registers.</summary>
        private unsafe (int Hits, int Repeats) OrPackedCodes(PackedCodes packed, int[] columns, int from, int to)
        {
            var hits = (long)(to - from) * packed.Width;
            EnsureListFor(hits);
            var (width, bits, fieldsPerWord, stride) = (packed.Width, packed.Bits, packed.FieldsPerWord, packed.WordsPerSlot);
            var slots = packed.Slots;
            var mask = (1UL << bits) - 1;
            // Every slot is inside the copy (CountRows checks that M's columns are the code's features).
            fixed (int* rowColumns = columns, listed = _repeats)
            fixed (ulong* hit = _hit)
            {
                var repeats = 0;
                var prefetchEnd = Math.Min(to, columns.Length - PrefetchDistance);
                for (var k = from; k < to; k++)
                {
                    if (k < prefetchEnd && Sse.IsSupported)
                    {
                        var ahead = slots + (long)rowColumns[k + PrefetchDistance] * stride;
                        Sse.Prefetch0(ahead);
                        Sse.Prefetch0(ahead + stride - 1);
                    }
                    var slot = slots + (long)rowColumns[k] * stride;
                    for (var left = width; left > 0; left -= fieldsPerWord, slot++)
                    {
                        var fields = *slot;
                        for (var n = Math.Min(left, fieldsPerWord); n > 0; n--, fields >>= bits)
                        {
                            Or(hit, listed, ref repeats, (int)(fields & mask));
                        }
                    }
                }
                return ((int)hits, repeats);
            }
        }

        /// <summary>Branch-free: lists the neuron as a repeat and keeps it in the list only if its bit was already set; sets the bit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Or(ulong* hit, int* listed, ref int repeats, int neuron)
        {
            var word = hit + (neuron >> 6);
            listed[repeats] = neuron;
            repeats += (int)((*word >> neuron) & 1);
            *word |= 1UL << neuron;
        }

        /// <summary>Every weight on the row is <paramref name="weight"/>: a neuron hit h times holds h · weight (wrapping like the sum of h weights).</summary>
        private void UniformValues(int weight, int repeats, int distinct)
        {
            var repeatedNeurons = 0;
            foreach (var neuron in _repeats.AsSpan(0, repeats))
            {
                repeatedNeurons += _sums[neuron] == 0 ? 1 : 0;
                _sums[neuron]++;
            }
            if (repeatedNeurons < distinct)
            {
                AddValue(weight);
            }
            foreach (var neuron in _repeats.AsSpan(0, repeats))
            {
                if (_sums[neuron] != 0)
                {
                    AddValue(unchecked(weight * (_sums[neuron] + 1)));
                    _sums[neuron] = 0;
                }
            }
        }

        /// <summary>Weights differ on the row: walk its codes again, summing the repeated neurons and noting the weight of every entry that has a neuron hit once.</summary>
        private void MixedValues(int[] columns, int[] weights, int from, int to, int repeats)
        {
            foreach (var neuron in _repeats.AsSpan(0, repeats))
            {
                _repeated[neuron >> 6] |= 1UL << neuron;
            }
            for (var k = from; k < to; k++)
            {
                var weight = weights[k];
                var single = false;
                foreach (var neuron in inputCode.Support(columns[k]))
                {
                    if ((_repeated[neuron >> 6] & (1UL << neuron)) != 0)
                    {
                        _sums[neuron] = unchecked(_sums[neuron] + weight);
                    }
                    else
                    {
                        single = true;
                    }
                }
                if (single)
                {
                    AddValue(weight);
                }
            }
            // The repeated bit, not a non-zero sum, says a neuron is still to be reported: a sum may wrap to 0.
            foreach (var neuron in _repeats.AsSpan(0, repeats))
            {
                if ((_repeated[neuron >> 6] & (1UL << neuron)) != 0)
                {
                    AddValue(_sums[neuron]);
                    _sums[neuron] = 0;
                    _repeated[neuron >> 6] &= ~(1UL << neuron);
                }
            }
        }

        /// <summary>Clears the hit bitmap: word by word through the row's codes when they are few, else all of it at once.</summary>
        private void ClearHits(int[] columns, int from, int to, int hits)
        {
            if ((long)hits * 4 >= _hit.Length)
            {
                Array.Clear(_hit);
                return;
            }
            for (var k = from; k < to; k++)
            {
                foreach (var neuron in inputCode.Support(columns[k]))
                {
                    _hit[neuron >> 6] = 0;
                }
            }
        }

        private void AddValue(int value)
        {
            // Nearly every value is a small integer: a flag array avoids a hash per value.
            if ((uint)value < SmallValues)
            {
                _smallValues[value] = true;
            }
            else
            {
                _values.Add(value);
            }
        }
    }
}
