using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
/// <see cref="WeightBitmap.MaxCount"/>, which bounds every accumulator below 255; a floor of 255 or more then
/// never fires, as in the scatter.
/// </remarks>
public static partial class FactoredEvaluator
{
    /// <summary>
    /// Run the bitmap pass when the scatter's expected entries exceed this many times the 64-bit words
    /// the bitmap pass reads (the sample's columns, plus one column's worth for the byte conversion and
    /// the compare). Not tuned: on the shapes measured the two differ far more (at m = m' = 10^5 about
    /// 120,000 entries against 19,000 words, and the pass was 3 times the scatter's speed).
    /// </summary>
    private const double BitmapWorkRatio = 1.0;

    /// <summary>Seconds of the network's build spent making its bitmaps of W, 0 without them (bench reports it).</summary>
    public static double BitmapSeconds(Network network) =>
        network.WeightBitmap?.BuildSeconds ?? 0;

    /// <summary>
    /// Whether a sample that sets <paramref name="setCount"/> input neurons should take the bitmap pass,
    /// from the codes' and M's mean sizes (no memory is read): the scatter reads about setCount ·
    /// (features per input neuron) · (mean column length) entries, the bitmap pass (setCount + 1) columns.
    /// The pass needs the network's bitmaps (superposed inputs, AVX-512 with VBMI and GFNI, within their
    /// memory budget: <see cref="WeightBitmap.Supported"/>).
    /// </summary>
    private static bool BitmapPreferred(Network network, EvaluationScratch scratch, int setCount)
    {
        switch (scratch.Kernel)
        {
            case ForwardKernel.Bitmap:
                return network.WeightBitmap is not null ? true : throw new InvalidOperationException("the bitmap forward pass does not apply to this network: it has no bitmaps of W (inputs not superposed, no AVX-512 with VBMI and GFNI, or over their memory budget)");
            case ForwardKernel.Auto when network.WeightBitmap is not null:
                break;
            default:
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
        if (bound > WeightBitmap.MaxCount || setCount > WeightBitmap.MaxCountedColumns)
        {
            return false;
        }
        var (counts, floors) = scratch.BitmapBuffers();
        CountSet(bitmap, set, counts);
        positive = CollectPositiveBytes(network, scratch, counts, floors, generation);
        scratch.TouchedEntries += entries;
        scratch.BitmapSamples++;
        return true;
    }

    /// <summary>
    /// Σ_{ν ∈ set} W[u, ν] for every output neuron u, as bytes in counts[u] (padding neurons read 0): the set
    /// bits of the set's columns (<see cref="WeightBitmap.CountBits"/>), then the excesses added. The caller
    /// checks that no sum passes <see cref="WeightBitmap.MaxCount"/>.
    /// </summary>
    internal static void CountSet(WeightBitmap bitmap, ReadOnlySpan<int> set, byte[] counts)
    {
        bitmap.CountBits(set, counts);
        foreach (var neuron in set)
        {
            var rows = bitmap.ExcessRows(neuron);
            var values = bitmap.ExcessValues(neuron);
            for (var k = 0; k < rows.Length; k++)
            {
                counts[rows[k]] += values[k];
            }
        }
    }

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
