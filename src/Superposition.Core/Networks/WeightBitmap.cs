using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Superposition.Codes;

namespace Superposition.Networks;

/// <summary>
/// The first layer's weights W = M · Dec by input neuron, for the bitmap forward pass: for each input
/// neuron ν, a bitmap over the output neurons of where W[u, ν] ≥ 1, and the few entries above one as a
/// list of (u, W[u, ν] − 1). A sample whose input sets the neurons a has accumulators
/// Σ_{ν ∈ a} W[u, ν] = Σ_i M[u, i] · |C_i ∩ a|, the scatter's sums; as set bits counted across |a|
/// bitmaps plus the listed excesses, they take a few bit operations per 512 neurons and input neuron
/// instead of one scattered addition per entry of M. Memory: one bit per (input neuron, output neuron)
/// pair, which is what limits where the pass applies (<see cref="BytesFor"/>).
/// </summary>
internal sealed unsafe partial class WeightBitmap
{
    /// <summary>Output neurons per block: one 512-bit vector of a column.</summary>
    public const int BlockBits = 512;

    private const int WordsPerBlock = BlockBits / 64;

    /// <summary>The most memory the bitmaps of one network may take.</summary>
    private const long MaxBytes = 4L << 30;

    /// <summary>Columns built by one worker at a time, whose excesses share one list.</summary>
    private const int ChunkColumns = 256;

    /// <summary>How many features ahead the build asks for the lines of a column of M (twice as far for its offsets).</summary>
    private const int ColumnPrefetchDistance = 4;

    private readonly long _bytes;

    // Column ν's excesses: entries [start, start + count) of the lists of its chunk of ChunkColumns columns,
    // kept as the build made them (joining them was measured at 0.4–0.8 s of the build at m' = 10^6).
    private readonly int[] _excessStart;
    private readonly int[] _excessCount;
    private int[][] _excessRows;
    private byte[][] _excessValues;

    private WeightBitmap(int inputNeurons, int rowCount)
    {
        RowCount = rowCount;
        Blocks = (rowCount + BlockBits - 1) / BlockBits;
        WordsPerColumn = Blocks * WordsPerBlock;
        // Unmanaged, line-aligned, on huge pages: at m' = 10^6 the bitmaps are 0.94 GB, and a sample reads
        // a few dozen columns of them anywhere. Freed with the network (the finalizer).
        _bytes = (long)inputNeurons * WordsPerColumn * sizeof(ulong);
        Columns = (ulong*)LineAlignedMemory.Allocate(_bytes);
        GC.AddMemoryPressure(Math.Max(1, _bytes));
        _excessStart = new int[inputNeurons];
        _excessCount = new int[inputNeurons];
        ColumnMax = new int[inputNeurons];
        ColumnEntries = new int[inputNeurons];
        _excessRows = [];
        _excessValues = [];
    }

    ~WeightBitmap()
    {
        LineAlignedMemory.Free(Columns);
        GC.RemoveMemoryPressure(Math.Max(1, _bytes));
    }

    /// <summary>Output neurons (rows of M).</summary>
    public int RowCount { get; }

    /// <summary>512-neuron blocks per column; the last is padded with zero bits.</summary>
    public int Blocks { get; }

    /// <summary>64-bit words from one column's bitmap to the next (a whole number of cache lines).</summary>
    public int WordsPerColumn { get; }

    /// <summary>Column ν's bitmap starts at <c>Columns + ν · WordsPerColumn</c>, 64-byte aligned; bit u of it is W[u, ν] ≥ 1.</summary>
    public ulong* Columns { get; }

    /// <summary>
    /// Column ν's excesses: output neurons u with W[u, ν] > 1, and W[u, ν] − 1 for each, clamped to 255 (a
    /// sample reading such a column never takes the pass: <see cref="ColumnMax"/>).
    /// </summary>
    public ReadOnlySpan<int> ExcessRows(int column) => _excessRows[column / ChunkColumns].AsSpan(_excessStart[column], _excessCount[column]);

    /// <summary>The excesses of <see cref="ExcessRows"/>, in the same order.</summary>
    public ReadOnlySpan<byte> ExcessValues(int column) => _excessValues[column / ChunkColumns].AsSpan(_excessStart[column], _excessCount[column]);

    /// <summary>All columns' excesses.</summary>
    public long ExcessCount { get; private set; }

    /// <summary>The largest W[u, ν] of column ν (0 for an empty column): Σ over a sample's neurons bounds every accumulator.</summary>
    public int[] ColumnMax { get; }

    /// <summary>Wall-clock seconds <see cref="Build"/> took.</summary>
    public double BuildSeconds { get; private set; }

    /// <summary>The nonzeros of column ν of W.</summary>
    public int[] ColumnEntries { get; }

    /// <summary>The nonzeros of every row of W (what the weight count needs, made with the bitmaps).</summary>
    public int[] RowNonzeros { get; private set; } = [];

    /// <summary>The distinct values of W's nonzeros (b_in · W: integers), for the weight count's bits per value.</summary>
    public HashSet<int> Values { get; } = [];

    /// <summary>
    /// Whether a layer of this shape gets bitmaps: on AVX-512 with VBMI and GFNI (which the counts need)
    /// and within the budget of <see cref="MaxBytes"/> and a quarter of the memory the runtime sees. At
    /// m = m' = 10^6 they take 0.94 GB, at 10^7 13.5 GB (not made).
    /// </summary>
    public static bool Supported(int inputNeurons, int rowCount) =>
        Hardware && BytesFor(inputNeurons, rowCount) <= Math.Min(MaxBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>The bytes the bitmaps of a layer of this shape take.</summary>
    public static long BytesFor(int inputNeurons, int rowCount) =>
        (long)inputNeurons * ((rowCount + BlockBits - 1) / BlockBits) * (BlockBits / 8);

    /// <summary>
    /// Makes W's columns from the code's reverse index and M's columns: column ν is the union, with
    /// multiplicity, of M's columns of the features whose codes hold ν. Columns are made in parallel, each
    /// by one worker in a fixed order, so the result does not depend on scheduling.
    /// </summary>
    public static WeightBitmap Build(Code code, ComputeMatrix compute)
    {
        if (compute.ColumnCount != code.FeatureCount)
        {
            throw new ArgumentException("M's columns must be the code's features");
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var inputNeurons = code.NeuronCount;
        var bitmap = new WeightBitmap(inputNeurons, compute.RowCount);
        var chunks = (inputNeurons + ChunkColumns - 1) / ChunkColumns;
        var excessRows = new int[chunks][];
        var excessValues = new byte[chunks][];
        var scratches = new List<ColumnScratch>();
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () =>
            {
                var scratch = new ColumnScratch(compute.RowCount);
                lock (scratches)
                {
                    scratches.Add(scratch);
                }
                return scratch;
            },
            (c, _, scratch) =>
            {
                scratch.Rows.Clear();
                scratch.Values.Clear();
                var end = Math.Min(inputNeurons, (c + 1) * ChunkColumns);
                for (var neuron = c * ChunkColumns; neuron < end; neuron++)
                {
                    bitmap._excessStart[neuron] = scratch.Rows.Count;
                    bitmap._excessCount[neuron] = bitmap.BuildColumn(code, compute, neuron, scratch);
                }
                excessRows[c] = [.. scratch.Rows];
                excessValues[c] = [.. scratch.Values];
                return scratch;
            },
            _ => { });
        bitmap._excessRows = excessRows;
        bitmap._excessValues = excessValues;
        bitmap.ExcessCount = excessRows.Sum(r => (long)r.Length);
        foreach (var scratch in scratches)
        {
            bitmap.Values.UnionWith(scratch.LargeValues);
            for (var v = 0; v < scratch.SmallValues.Length; v++)
            {
                if (scratch.SmallValues[v])
                {
                    bitmap.Values.Add(v);
                }
            }
        }
        if (bitmap.ColumnEntries.Sum(e => (long)e) > bitmap.ExcessCount)
        {
            bitmap.Values.Add(1);
        }
        bitmap.RowNonzeros = bitmap.CountRowNonzeros(inputNeurons);
        bitmap.BuildSeconds = clock.Elapsed.TotalSeconds;
        return bitmap;
    }

    /// <summary>
    /// Writes column <paramref name="neuron"/>'s bitmap, appends its excesses, and returns how many it
    /// appended. The bitmap (one column, in L1) is its own first-hit test: every entry of M sets its bit,
    /// and in a column of unit weights a hit on a bit already set is listed as a repeat without a branch
    /// (about one hit in twenty). A row's excess is its repeats' weights plus its first weight less one.
    /// </summary>
    private int BuildColumn(Code code, ComputeMatrix compute, int neuron, ColumnScratch scratch)
    {
        var words = new Span<ulong>(Columns + ((long)neuron * WordsPerColumn), WordsPerColumn);
        words.Clear();
        ref var word = ref MemoryMarshal.GetReference(words);
        var reverseOffsets = code.ReverseOffsets;
        var reverseFeatures = code.ReverseFeatures;
        var columnOffsets = compute.ColumnOffsetSpan;
        var allRows = compute.RowSpan;
        var unitColumns = compute.UnitColumns;
        var excess = scratch.Excess;
        var repeats = 0;
        var weighted = 0;
        var end = reverseOffsets[neuron + 1];
        for (var k = reverseOffsets[neuron]; k < end; k++)
        {
            // The features' columns lie anywhere in M: ask for the next ones' offsets and first entries early.
            if (k + (2 * ColumnPrefetchDistance) < end)
            {
                Prefetching.Prefetch(columnOffsets, reverseFeatures[k + (2 * ColumnPrefetchDistance)]);
            }
            if (k + ColumnPrefetchDistance < end)
            {
                var ahead = reverseFeatures[k + ColumnPrefetchDistance];
                for (var at = columnOffsets[ahead]; at < columnOffsets[ahead + 1]; at += 16)
                {
                    Prefetching.Prefetch(allRows, at);
                }
            }
            var feature = reverseFeatures[k];
            var rows = allRows[columnOffsets[feature]..columnOffsets[feature + 1]];
            if (unitColumns[feature])
            {
                var list = scratch.Repeats(repeats + rows.Length);
                foreach (var row in rows)
                {
                    ref var target = ref Unsafe.Add(ref word, row >> 6);
                    var bit = 1UL << row;
                    // Written always, kept (the count advanced) only when the bit was already set.
                    list[repeats] = row;
                    repeats += (int)((target & bit) >> row);
                    target |= bit;
                }
                continue;
            }
            var weights = compute.Weights(feature);
            for (var e = 0; e < rows.Length; e++)
            {
                var row = rows[e];
                ref var target = ref Unsafe.Add(ref word, row >> 6);
                var bit = 1UL << row;
                var extra = (target & bit) != 0 ? weights[e] : weights[e] - 1;
                target |= bit;
                if (extra > 0)
                {
                    var list = scratch.Weighted(weighted + 1);
                    list[weighted++] = row;
                    excess[row] = checked(excess[row] + extra);
                }
            }
        }
        foreach (var row in scratch.RepeatList.AsSpan(0, repeats))
        {
            excess[row] = checked(excess[row] + 1);
        }
        var max = 0;
        var appended = 0;
        foreach (var row in scratch.RepeatList.AsSpan(0, repeats))
        {
            appended += TakeExcess(excess, row, scratch, ref max);
        }
        foreach (var row in scratch.WeightedList.AsSpan(0, weighted))
        {
            appended += TakeExcess(excess, row, scratch, ref max);
        }
        var entries = 0;
        foreach (var w in words)
        {
            entries += BitOperations.PopCount(w);
        }
        ColumnEntries[neuron] = entries;
        ColumnMax[neuron] = entries == 0 ? 0 : max + 1;
        return appended;
    }

    /// <summary>Appends row's summed excess the first time the row is met in the lists (and clears it), notes W's value; returns 1 if it appended.</summary>
    private static int TakeExcess(int[] excess, int row, ColumnScratch scratch, ref int max)
    {
        var value = excess[row];
        if (value == 0)
        {
            return 0;
        }
        excess[row] = 0;
        max = Math.Max(max, value);
        scratch.Rows.Add(row);
        // A sample that reads a column whose largest weight passes a byte never takes the pass, so the clamp loses nothing.
        scratch.Values.Add((byte)Math.Min(value, byte.MaxValue));
        var weight = value + 1;
        if (weight < scratch.SmallValues.Length)
        {
            scratch.SmallValues[weight] = true;
        }
        else
        {
            scratch.LargeValues.Add(weight);
        }
        return 1;
    }

    /// <summary>One worker's buffers for <see cref="BuildColumn"/>: per-row excess sums (zero between columns) and the two growing lists.</summary>
    private sealed class ColumnScratch(int rowCount)
    {
        public int[] Excess { get; } = new int[rowCount];

        public int[] RepeatList { get; private set; } = new int[1024];

        public int[] WeightedList { get; private set; } = new int[1024];

        public List<int> Rows { get; } = [];

        public List<byte> Values { get; } = [];

        /// <summary>W's values seen, below 4,096 as flags (most are 2 or 3), above in a set.</summary>
        public bool[] SmallValues { get; } = new bool[4096];

        public HashSet<int> LargeValues { get; } = [];

        public int[] Repeats(int needed) => RepeatList = Grown(RepeatList, needed);

        public int[] Weighted(int needed) => WeightedList = Grown(WeightedList, needed);

        private static int[] Grown(int[] list, int needed)
        {
            if (needed > list.Length)
            {
                Array.Resize(ref list, Math.Max(needed, 2 * list.Length));
            }
            return list;
        }
    }
}
