using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// The bitmap forward pass: a sample's accumulators Σ_{ν ∈ a} W[u, ν] taken from W's columns
/// (<see cref="WeightBitmap"/>) rather than from M's. A superposed sample sets a few dozen input
/// neurons but reads thousands of features through them, so the scatter adds about a hundred thousand
/// entries of M from thousands of places in memory; here the same sums are the set bits of a few dozen
/// contiguous bitmaps, counted 512 neurons at a time in bit-sliced counters (eight 512-bit planes, bit
/// ℓ of every count in plane ℓ), turned into one byte per neuron, plus the few entries of W above one.
/// One vector compare per 64 neurons against their floors then lists the firing ones.
/// </summary>
/// <remarks>
/// Exact like the scatter: every step is integer. Counts are bytes, so a sample runs here only when the
/// sum of its neurons' largest weights <see cref="WeightBitmap.ColumnMax"/> is at most
/// <see cref="MaxByteSum"/>, which bounds every accumulator below 255; a floor of 255 or more then
/// never fires, as in the scatter.
/// </remarks>
public static partial class FactoredEvaluator
{
    /// <summary>The largest accumulator a byte count may reach: below 255, so that a floor clamped to 255 never fires.</summary>
    private const int MaxByteSum = 254;

    /// <summary>The most columns one sample may count (their pointers sit on the stack); only columns of W that are empty let a sample within the byte bound set more than 254 neurons.</summary>
    private const int MaxBitmapColumns = 4096;

    /// <summary>W's bitmaps may take at most this much memory (they are made once per network and shared by workers).</summary>
    private const long MaxBitmapBytes = 4L << 30;

    /// <summary>
    /// Run the bitmap pass when the scatter's expected entries exceed this many times the 64-bit words
    /// the bitmap pass reads (the sample's columns, plus one column's worth for the byte conversion and
    /// the compare).
    /// </summary>
    private const double BitmapWorkRatio = 1.0;

    /// <summary>Seconds spent making <paramref name="network"/>'s bitmaps of W, 0 while they are not made (bench reports it beside the build).</summary>
    public static double BitmapSeconds(Network network) =>
        network.IsFactored && network.HasWeightBitmap ? network.WeightBitmap?.BuildSeconds ?? 0 : 0;

    /// <summary>512-bit vectors with byte permutes and bit-matrix transforms (the plane-to-byte transpose).</summary>
    internal static bool BitmapHardware => Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported && Gfni.V512.IsSupported;

    /// <summary>What decides whether the bitmap pass can run on a network at all: a compute layer, 512-bit byte permutes and bit transforms, and bitmaps within the memory budget.</summary>
    private static bool BitmapFeasible(Network network) =>
        network.Compute is { } compute
        && BitmapHardware
        && WeightBitmap.BytesFor(network.InputCode.NeuronCount, compute.RowCount) <= Math.Min(MaxBitmapBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>
    /// Whether a sample that sets <paramref name="setCount"/> input neurons should take the bitmap pass,
    /// from the codes' and M's mean sizes (no memory is read): the scatter reads about setCount ·
    /// (features per input neuron) · (mean column length) entries, the bitmap pass (setCount + 1) columns.
    /// </summary>
    private static bool BitmapPreferred(Network network, EvaluationScratch scratch, int setCount)
    {
        if (scratch.Kernel is not (ForwardKernel.Auto or ForwardKernel.Bitmap))
        {
            return false;
        }
        if (scratch.BitmapFeasible is not { } feasible)
        {
            feasible = BitmapFeasible(network);
            scratch.BitmapFeasible = feasible;
        }
        if (scratch.Kernel == ForwardKernel.Bitmap)
        {
            return feasible ? true : throw new InvalidOperationException("the bitmap forward pass does not apply to this network (see FactoredEvaluator.BitmapFeasible)");
        }
        if (!feasible)
        {
            return false;
        }
        var code = network.InputCode;
        var compute = network.Compute!;
        var featuresPerNeuron = (double)code.ReverseOffsets[^1] / Math.Max(1, code.NeuronCount);
        var scatterEntries = setCount * featuresPerNeuron * compute.NonzeroCount / Math.Max(1, compute.ColumnCount);
        var bitmapWords = (setCount + 1.0) * ((compute.RowCount + WeightBitmap.BlockBits - 1) / WeightBitmap.BlockBits) * 8;
        return scatterEntries >= BitmapWorkRatio * bitmapWords;
    }

    /// <summary>
    /// The bitmap pass for the sample whose set input neurons are in scratch.SetNeurons, or false when a
    /// byte could overflow on it (then the caller scatters, also under the forced kernel, and the sample is
    /// not counted in <see cref="EvaluationScratch.BitmapSamples"/>). Lists the positive
    /// neurons as <see cref="Forward"/> does and returns how many in <paramref name="positive"/>.
    /// </summary>
    private static bool TryBitmapForward(Network network, EvaluationScratch scratch, int setCount, int generation, out int positive)
    {
        positive = 0;
        var bitmap = network.WeightBitmap!;
        var set = scratch.SetNeurons.AsSpan(0, setCount);
        long bound = 0;
        long entries = 0;
        foreach (var neuron in set)
        {
            bound += bitmap.ColumnMax[neuron];
            entries += bitmap.ColumnEntries[neuron];
        }
        if (bound > MaxByteSum || setCount > MaxBitmapColumns)
        {
            return false;
        }
        var (counts, floors) = scratch.BitmapBuffers(bitmap.Blocks * WeightBitmap.BlockBits);
        CountSet(bitmap, set, counts);
        positive = CollectPositiveBytes(network, scratch, counts, floors, generation);
        scratch.TouchedEntries += entries;
        scratch.BitmapSamples++;
        return true;
    }

    /// <summary>
    /// Σ_{ν ∈ set} W[u, ν] for every output neuron u, as bytes in counts[u] (padding neurons read 0): the set
    /// bits of the set's columns counted block by block, then the excesses added. The caller checks that no
    /// sum passes <see cref="MaxByteSum"/>; <paramref name="counts"/> holds at least Blocks · 512 bytes.
    /// </summary>
    internal static unsafe void CountSet(WeightBitmap bitmap, ReadOnlySpan<int> set, byte[] counts)
    {
        if (!BitmapHardware || counts.Length < bitmap.Blocks * WeightBitmap.BlockBits || set.Length > MaxBitmapColumns)
        {
            throw new InvalidOperationException($"the bitmap count needs AVX-512 (VBMI, GFNI), room for every block, and at most {MaxBitmapColumns} columns");
        }
        var columns = stackalloc ulong*[Math.Max(1, set.Length)];
        for (var t = 0; t < set.Length; t++)
        {
            columns[t] = bitmap.Columns + ((long)set[t] * bitmap.WordsPerColumn);
        }
        fixed (byte* countBase = counts)
        {
            for (var block = 0; block < bitmap.Blocks; block++)
            {
                CountBlock(columns, set.Length, block * 8, countBase + (block * WeightBitmap.BlockBits));
            }
        }
        foreach (var neuron in set)
        {
            for (var k = bitmap.ExcessOffsets[neuron]; k < bitmap.ExcessOffsets[neuron + 1]; k++)
            {
                counts[bitmap.ExcessRows[k]] += bitmap.ExcessValues[k];
            }
        }
    }

    /// <summary>
    /// The counts of one 512-neuron block across the sample's columns, as 512 bytes at
    /// <paramref name="destination"/>. Each column's 512 bits are added into eight bit planes with a ripple
    /// carry; the t-th column (from 0) can carry only into planes ℓ with 2^ℓ ≤ t + 1, so the ripple stops there.
    /// </summary>
    private static unsafe void CountBlock(ulong** columns, int setCount, int word, byte* destination)
    {
        Vector512<ulong> p0 = default, p1 = default, p2 = default, p3 = default, p4 = default, p5 = default, p6 = default, p7 = default;
        for (var t = 0; t < setCount; t++)
        {
            var carry = Vector512.LoadAligned(columns[t] + word);
            var next = p0 & carry;
            p0 ^= carry;
            if (t >= 1)
            {
                carry = next;
                next = p1 & carry;
                p1 ^= carry;
                if (t >= 3)
                {
                    carry = next;
                    next = p2 & carry;
                    p2 ^= carry;
                    if (t >= 7)
                    {
                        carry = next;
                        next = p3 & carry;
                        p3 ^= carry;
                        if (t >= 15)
                        {
                            carry = next;
                            next = p4 & carry;
                            p4 ^= carry;
                            if (t >= 31)
                            {
                                carry = next;
                                next = p5 & carry;
                                p5 ^= carry;
                                if (t >= 63)
                                {
                                    carry = next;
                                    next = p6 & carry;
                                    p6 ^= carry;
                                    if (t >= 127)
                                    {
                                        p7 ^= next;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        PlanesToBytes(p0, p1, p2, p3, p4, p5, p6, p7, destination);
    }

    /// <summary>
    /// Byte permute for <see cref="PlanesToBytes"/>: in a vector whose qword ℓ is plane ℓ's word, byte
    /// 8r + 7 − ℓ takes byte r of qword ℓ, so that qword r is the 8 × 8 bit matrix of byte r of every plane,
    /// plane 7 first.
    /// </summary>
    private static readonly Vector512<byte> PlaneRows = Vector512.Create([.. Enumerable.Range(0, 64).Select(j => (byte)((8 * (7 - (j % 8))) + (j / 8)))]);

    /// <summary>Byte t of every qword holds bit t: as the operand of an affine transform whose matrix is data, it reads column t of that 8 × 8 bit matrix.</summary>
    private static readonly Vector512<byte> UnitBytes = Vector512.Create(0x8040201008040201UL).AsByte();

    /// <summary>
    /// Eight bit planes of 512 counts to 512 bytes, count of neuron n in byte n: the planes' words are
    /// transposed (8 × 8 qwords: unpacks and 128-bit lane shuffles), then per 64 neurons a byte permute and
    /// one Galois-field affine transform transpose each 8 × 8 bit matrix, so bit ℓ of byte n is bit n of plane ℓ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PlanesToBytes(Vector512<ulong> p0, Vector512<ulong> p1, Vector512<ulong> p2, Vector512<ulong> p3, Vector512<ulong> p4, Vector512<ulong> p5, Vector512<ulong> p6, Vector512<ulong> p7, byte* destination)
    {
        // Within each 128-bit lane k: low holds words 2k, high words 2k + 1, of the two planes.
        var l01 = Avx512F.UnpackLow(p0, p1);
        var h01 = Avx512F.UnpackHigh(p0, p1);
        var l23 = Avx512F.UnpackLow(p2, p3);
        var h23 = Avx512F.UnpackHigh(p2, p3);
        var l45 = Avx512F.UnpackLow(p4, p5);
        var h45 = Avx512F.UnpackHigh(p4, p5);
        var l67 = Avx512F.UnpackLow(p6, p7);
        var h67 = Avx512F.UnpackHigh(p6, p7);
        Store(TransposeLanes(l01, l23, l45, l67), 0, destination);
        Store(TransposeLanes(h01, h23, h45, h67), 1, destination);
    }

    /// <summary>
    /// From four vectors whose lane k holds word 2k (+ <c>odd</c>) of planes (0, 1), (2, 3), (4, 5), (6, 7),
    /// the four vectors of words q = 2k (+ odd) of all eight planes, in plane order: a 4 × 4 transpose of 128-bit lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<ulong> Q0, Vector512<ulong> Q2, Vector512<ulong> Q4, Vector512<ulong> Q6) TransposeLanes(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d)
    {
        var ab01 = Avx512F.Shuffle4x128(a, b, 0b01_00_01_00);
        var ab23 = Avx512F.Shuffle4x128(a, b, 0b11_10_11_10);
        var cd01 = Avx512F.Shuffle4x128(c, d, 0b01_00_01_00);
        var cd23 = Avx512F.Shuffle4x128(c, d, 0b11_10_11_10);
        return (
            Avx512F.Shuffle4x128(ab01, cd01, 0b10_00_10_00),
            Avx512F.Shuffle4x128(ab01, cd01, 0b11_01_11_01),
            Avx512F.Shuffle4x128(ab23, cd23, 0b10_00_10_00),
            Avx512F.Shuffle4x128(ab23, cd23, 0b11_01_11_01));
    }

    /// <summary>Writes the 64 counts of words q = 2k + odd (k = 0 … 3) of the planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store((Vector512<ulong> Q0, Vector512<ulong> Q2, Vector512<ulong> Q4, Vector512<ulong> Q6) words, int odd, byte* destination)
    {
        var rows = PlaneRows;
        var unit = UnitBytes;
        Counts(words.Q0, rows, unit).Store(destination + (64 * odd));
        Counts(words.Q2, rows, unit).Store(destination + (64 * (2 + odd)));
        Counts(words.Q4, rows, unit).Store(destination + (64 * (4 + odd)));
        Counts(words.Q6, rows, unit).Store(destination + (64 * (6 + odd)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Counts(Vector512<ulong> planeWords, Vector512<byte> rows, Vector512<byte> unit) =>
        Gfni.V512.GaloisFieldAffineTransform(unit, Avx512Vbmi.PermuteVar64x8(planeWords.AsByte(), rows), 0);

    /// <summary>
    /// Lists the neurons whose byte count reaches their byte floor (<see cref="EvaluationScratch.BitmapBuffers"/>),
    /// 64 per compare; padding neurons have floor 255 and count 0.
    /// </summary>
    private static int CollectPositiveBytes(Network network, EvaluationScratch scratch, byte[] counts, byte[] floors, int generation)
    {
        var width = network.InputWidth;
        var positive = 0;
        ref var countBase = ref MemoryMarshal.GetArrayDataReference(counts);
        ref var floorBase = ref MemoryMarshal.GetArrayDataReference(floors);
        for (var neuron = 0; neuron < counts.Length; neuron += Vector512<byte>.Count)
        {
            var values = Vector512.LoadUnsafe(ref countBase, (nuint)neuron);
            var firing = Vector512.GreaterThanOrEqual(values, Vector512.LoadUnsafe(ref floorBase, (nuint)neuron)).ExtractMostSignificantBits();
            for (; firing != 0; firing &= firing - 1)
            {
                var lane = BitOperations.TrailingZeroCount(firing);
                positive = KeepPositive(network, scratch, neuron + lane, values.GetElement(lane), width, generation, positive);
            }
        }
        return positive;
    }
}
