using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Superposition.Randomness;

namespace Superposition.Cli.Bench;

/// <summary>
/// The machine's random-scatter rate on one core: <c>accumulator[row] += 1</c> for a stream of random
/// rows into an array as large as a shape's output layer. The forward pass is a scatter of this kind
/// (plus reading M's columns), so its touched entries per second per core, divided by this rate, says
/// how far the kernel is from what the memory system allows. Measured in the same process as the shape,
/// so the ratio is taken on one machine at one time.
/// </summary>
internal static class ScatterRate
{
    private const int StreamLength = 1 << 24;

    /// <summary>Scattered additions per second on one core into <paramref name="rowCount"/> accumulators.</summary>
    public static double Measure(int rowCount)
    {
        var rows = new int[StreamLength];
        var rng = new Rng(new Seed(17));
        for (var k = 0; k < rows.Length; k++)
        {
            rows[k] = rng.NextInt(rowCount);
        }
        var accumulators = new int[rowCount];
        Scatter(accumulators, rows); // warm-up: page faults and the JIT's first tier.
        var passes = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1) || passes < 3)
        {
            Scatter(accumulators, rows);
            passes++;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(accumulators);
        return (double)passes * rows.Length / seconds;
    }

    /// <summary>The same loop shape as the kernel's unit-weight column add: four at a time, no bounds checks.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Scatter(int[] accumulators, int[] rows)
    {
        ref var accumulator = ref MemoryMarshal.GetArrayDataReference(accumulators);
        ref var row = ref MemoryMarshal.GetArrayDataReference(rows);
        var k = 0;
        for (; k + 4 <= rows.Length; k += 4)
        {
            Unsafe.Add(ref accumulator, Unsafe.Add(ref row, k))++;
            Unsafe.Add(ref accumulator, Unsafe.Add(ref row, k + 1))++;
            Unsafe.Add(ref accumulator, Unsafe.Add(ref row, k + 2))++;
            Unsafe.Add(ref accumulator, Unsafe.Add(ref row, k + 3))++;
        }
        for (; k < rows.Length; k++)
        {
            Unsafe.Add(ref accumulator, Unsafe.Add(ref row, k))++;
        }
    }
}
