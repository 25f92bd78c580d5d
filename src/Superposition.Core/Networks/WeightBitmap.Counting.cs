using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Superposition.Networks;

/// <summary>
/// Counting set bits across columns of the bitmaps, 512 output neurons at a time: the bitmap forward
/// pass counts a sample's columns this way, and the build counts all columns, 254 at a time, for the
/// nonzeros of every row of W.
/// </summary>
internal sealed unsafe partial class WeightBitmap
{
    /// <summary>The largest count <see cref="CountBits"/> returns exactly: below 255 (a byte, with room for a floor that never fires).</summary>
    public const int MaxCount = 254;

    /// <summary>The most columns one call of <see cref="CountBits"/> counts (their pointers sit on the stack).</summary>
    public const int MaxCountedColumns = 4096;

    /// <summary>512-bit vectors with byte permutes and bit-matrix transforms, which the plane-to-byte transpose needs.</summary>
    public static bool Hardware => Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported && Gfni.V512.IsSupported;

    /// <summary>
    /// For every output neuron u, the number of the given columns with bit u set, as a byte in counts[u]
    /// (padding neurons read 0), exact where no count passes <see cref="MaxCount"/> (the caller's to
    /// check; only then is every carry kept). <paramref name="counts"/> holds at least Blocks · 512 bytes.
    /// </summary>
    public void CountBits(ReadOnlySpan<int> columns, Span<byte> counts)
    {
        if (!Hardware || counts.Length < Blocks * BlockBits || columns.Length > MaxCountedColumns)
        {
            throw new InvalidOperationException($"the bit count needs AVX-512 (VBMI, GFNI), room for every block, and at most {MaxCountedColumns} columns");
        }
        var starts = stackalloc ulong*[Math.Max(1, columns.Length)];
        for (var t = 0; t < columns.Length; t++)
        {
            starts[t] = Columns + ((long)columns[t] * WordsPerColumn);
        }
        fixed (byte* countBase = counts)
        {
            for (var block = 0; block < Blocks; block++)
            {
                CountBlock(starts, columns.Length, block * WordsPerBlock, countBase + (block * BlockBits));
            }
        }
    }

    /// <summary>
    /// The nonzeros of every row of W (Σ over columns of bit u), counted block by block in parallel, in
    /// groups of <see cref="MaxCount"/> columns so that no byte count overflows.
    /// </summary>
    private int[] CountRowNonzeros(int inputNeurons)
    {
        var nonzeros = new int[RowCount];
        Parallel.For(0, Blocks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, block =>
        {
            var starts = stackalloc ulong*[MaxCount];
            var bytes = stackalloc byte[BlockBits];
            var sums = stackalloc int[BlockBits];
            new Span<int>(sums, BlockBits).Clear();
            for (var first = 0; first < inputNeurons; first += MaxCount)
            {
                var group = Math.Min(MaxCount, inputNeurons - first);
                for (var t = 0; t < group; t++)
                {
                    starts[t] = Columns + ((long)(first + t) * WordsPerColumn);
                }
                CountBlock(starts, group, block * WordsPerBlock, bytes);
                for (var k = 0; k < BlockBits; k++)
                {
                    sums[k] += bytes[k];
                }
            }
            var rows = Math.Min(BlockBits, RowCount - (block * BlockBits));
            new Span<int>(sums, rows).CopyTo(nonzeros.AsSpan(block * BlockBits, rows));
        });
        return nonzeros;
    }

    /// <summary>
    /// The counts of one 512-neuron block across the given columns, as 512 bytes at
    /// <paramref name="destination"/>. Each column's 512 bits are added into eight bit planes with a ripple
    /// carry; the t-th column (from 0) can carry only into planes ℓ with 2^ℓ ≤ t + 1, so the ripple stops there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
}
