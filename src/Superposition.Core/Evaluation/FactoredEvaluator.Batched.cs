using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Superposition.Inputs;
using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// The batched forward pass: 64 samples per pass over M's rows instead of one scatter per sample. Each
/// sample sets its bit in the 64-bit lane mask of every feature it reads (<see cref="LaneScratch.Masks"/>;
/// the rare counts above one are repeats, added into 16-bit per-row corrections); then every output
/// neuron sums, with 64-lane byte vectors, the mask bits of the features its row of M reads, adds its
/// corrections, and one vector compare against its firing
/// floor says in which of the 64 samples it fires. With superposed inputs a sample's read noise reaches
/// most of M's columns anyway, so one pass over all of M per 64 samples, in order, with the masks in the
/// L2 cache, does less work than 64 scatters into random places; with explicit inputs a sample touches
/// a few columns and the scatter stays.
/// </summary>
/// <remarks>
/// Exact like the scatter: counts and sums are integers. The pass runs only when no sum can overflow its
/// 16-bit lane: every row's whole sum stays below 32,767 (checked once per scratch), and byte sums of
/// mask bits are widened before they can pass 255.
/// </remarks>
public static partial class FactoredEvaluator
{
    /// <summary>
    /// Run the batched pass when the scatters it replaces would touch at least this many times as many
    /// entries of M as one pass over all of M reads: a pass does more per entry (a 64-lane vector sum of
    /// a spread mask) than a scatter does (one add). Measured on the 2-core machine, one thread, forward
    /// pass alone, superposed-and at s = 3 (with-true-pair): batched/scatter 1.7–2.4× at ratio 6.2
    /// (m = 10^4), 1.3–1.9× at 3.8 (3·10^4), 0.9–1.2× at 2.4 (10^5), and with an earlier form of the
    /// pass 0.95–1.15× at 1.8 (2·10^5) (docs/performance.md).
    /// </summary>
    private const double BatchedWorkRatio = 2.0;

    /// <summary>
    /// The lane masks of a pass (8 bytes per input feature) must stay near the core, where the rows'
    /// random reads of them are cheap: at most this many bytes per worker (2 MB: m ≤ 262,144 features).
    /// </summary>
    private const long MaxLaneMaskBytes = 2L << 20;

    /// <summary>The corrections (128 bytes per output neuron, read in order once per pass) may take at most this much per worker.</summary>
    private const long MaxCorrectionBytes = 32L << 20;

    private static bool UseBatched(Network network, SampleBatch batch, int first, int lanes, EvaluationScratch scratch)
    {
        switch (scratch.Kernel)
        {
            case ForwardKernel.Scatter:
                return false;
            case ForwardKernel.Batched:
                return BatchedAllowed(network, scratch) ? true : throw new InvalidOperationException("the batched forward pass does not apply to this network (see FactoredEvaluator.BatchedAllowed)");
        }
        if (network.Compute is not { } compute || !BatchedFeasible(network))
        {
            return false;
        }
        // The expected scatter work of these samples, from the codes' mean widths (no memory is read):
        // each active feature reaches ~ width · features-per-input-neuron features, each a column of mean length.
        var code = network.InputCode;
        var activeFeatures = network.InputEncoding == InputEncoding.Targets
            ? batch.TruthOffsets[first + lanes] - batch.TruthOffsets[first]
            : batch.ActiveOffsets[first + lanes] - batch.ActiveOffsets[first];
        var codeEntries = (double)code.ReverseOffsets[^1];
        var reached = Math.Min(code.FeatureCount, codeEntries / Math.Max(1, code.FeatureCount) * (codeEntries / Math.Max(1, code.NeuronCount)));
        var scatterEntries = activeFeatures * reached * compute.NonzeroCount / Math.Max(1, compute.ColumnCount);
        // Where the bitmap pass will take these samples one by one, a batch pass would only delay them.
        if (BitmapPreferred(network, scratch, (int)Math.Min(int.MaxValue, (double)activeFeatures / lanes * network.InputWidth)))
        {
            return false;
        }
        return scatterEntries >= BatchedWorkRatio * compute.NonzeroCount && BatchedAllowed(network, scratch);
    }

    /// <summary>What can be decided without the row view: a compute layer, 512-bit byte permutes and bit transforms, cache-sized masks, bounded corrections.</summary>
    private static bool BatchedFeasible(Network network) =>
        network.Compute is { } compute
        && Vector512.IsHardwareAccelerated
        && Avx512Vbmi.IsSupported
        && Gfni.V512.IsSupported
        && (long)compute.ColumnCount * sizeof(ulong) <= MaxLaneMaskBytes
        && (long)compute.RowCount * LaneScratch.Lanes * sizeof(short) <= MaxCorrectionBytes;

    /// <summary>Whether the batched pass applies and is exact on this network: feasible, and no row sum can reach 32,767 (decided once per scratch).</summary>
    internal static bool BatchedAllowed(Network network, EvaluationScratch scratch)
    {
        if (scratch.BatchedAllowed is { } known)
        {
            return known;
        }
        var allowed = BatchedFeasible(network) && network.Compute!.MaxRowWeight * scratch.MaxInputWidth < short.MaxValue;
        scratch.BatchedAllowed = allowed;
        return allowed;
    }

    /// <summary>
    /// Encodes samples [first, first + lanes) of the batch into the lane masks and corrections, passes
    /// once over M's rows, and leaves each lane's firing neurons and accumulators in scratch.Lanes,
    /// sorted by lane; leaves masks and corrections at zero.
    /// </summary>
    private static void BatchedForward(Network network, SampleBatch batch, int first, int lanes, EvaluationScratch scratch)
    {
        var compute = network.Compute!;
        var rowView = compute.RowView;
        var lane = scratch.Lanes ??= new LaneScratch(compute.ColumnCount, compute.RowCount);
        var targets = network.InputEncoding == InputEncoding.Targets;
        scratch.TouchedEntries += EncodeLanes(network, batch, first, lanes, scratch, lane, targets);
        scratch.BatchedSamples += lanes;
        ApplyRepeats(compute, lane);
        var hits = PassRows(rowView, lane, scratch.FireFloors);
        SortHitsByLane(lane, hits);
        lane.Reset();
    }

    /// <summary>
    /// Sets lane ℓ's bit of every feature its sample reads, and lists each further read of a feature by
    /// the same lane (a count above one) as a repeat. Returns Σ over lanes of the touched columns'
    /// lengths: the entries the scatter would have read, so that
    /// <see cref="EvaluationScratch.TouchedEntries"/> means the same on both paths.
    /// </summary>
    private static long EncodeLanes(Network network, SampleBatch batch, int first, int lanes, EvaluationScratch scratch, LaneScratch lane, bool targets)
    {
        var inputCode = network.InputCode;
        var reverseOffsets = inputCode.ReverseOffsets;
        var reverseFeatures = inputCode.ReverseFeatures;
        var columnOffsets = network.Compute!.ColumnOffsetSpan;
        var masks = lane.Masks;
        for (var l = 0; l < lanes; l++)
        {
            var sample = first + l;
            var features = targets ? batch.Truth(sample) : batch.Active(sample);
            var setCount = SetInputNeurons(inputCode, features, scratch, scratch.NextGeneration());
            var bit = 1UL << LaneScratch.MaskBit(l);
            foreach (var neuron in scratch.SetNeurons.AsSpan(0, setCount))
            {
                for (var k = reverseOffsets[neuron]; k < reverseOffsets[neuron + 1]; k++)
                {
                    // Set the bit unconditionally; only a second read of the feature by this lane (rare) branches.
                    var feature = reverseFeatures[k];
                    var mask = masks[feature];
                    masks[feature] = mask | bit;
                    if ((mask & bit) != 0)
                    {
                        lane.AddRepeat(feature, l);
                    }
                }
            }
        }
        // Each column counts once per lane that reads it: one pass over the masks (cheaper per chunk than
        // listing touched features on the way, whose branch the encoding cannot predict).
        long entries = 0;
        for (var feature = 0; feature < masks.Length; feature++)
        {
            entries += (long)BitOperations.PopCount(masks[feature]) * (columnOffsets[feature + 1] - columnOffsets[feature]);
        }
        return entries;
    }

    /// <summary>
    /// Adds each repeat's M[u, i] into its lane of the corrections of every row u of column i: with the
    /// masks' one per reading lane, the counts |C_i ∩ a| in full. Repeats are few (the active features'
    /// own codes and the features two set neurons share), so a scatter through M's columns is cheap here.
    /// </summary>
    private static void ApplyRepeats(ComputeMatrix compute, LaneScratch lane)
    {
        var corrections = lane.Corrections;
        foreach (var repeat in lane.Repeats.AsSpan(0, lane.RepeatCount))
        {
            var feature = repeat >> 6;
            var l = repeat & (LaneScratch.Lanes - 1);
            var rows = compute.Rows(feature);
            var weights = compute.Weights(feature);
            for (var k = 0; k < rows.Length; k++)
            {
                corrections[(rows[k] * LaneScratch.Lanes) + l] += (short)weights[k];
            }
        }
    }

    /// <summary>
    /// One pass over M's rows: per row, the 64 lanes' sums Σ_i M[u,i]·count_i in 16-bit lanes (the mask
    /// bits summed as bytes, widened every <see cref="LaneScratch.GroupEntries"/> entries, plus the row's
    /// corrections), compared with the row's floor. Records every (neuron, lane, accumulator) at or above
    /// the floor, in neuron order, and returns how many; zeroes the corrections it read.
    /// </summary>
    private static int PassRows(ComputeRows rowView, LaneScratch lane, int[] floors)
    {
        var offsets = rowView.Offsets;
        ref var correctionBase = ref MemoryMarshal.GetArrayDataReference(lane.Corrections);
        var hits = 0;
        for (var row = 0; row < offsets.Length - 1; row++)
        {
            var start = offsets[row];
            var end = offsets[row + 1];
            var (low, high) = rowView.UnitRows[row]
                ? SumUnitRow(lane.Masks, rowView.Columns, start, end, lane.GroupEntries)
                : SumWeightedRow(lane.Masks, rowView.Columns, rowView.Weights, start, end);
            var at = (nuint)row * LaneScratch.Lanes;
            low += Vector512.LoadUnsafe(ref correctionBase, at);
            high += Vector512.LoadUnsafe(ref correctionBase, at + 32);
            Vector512<short>.Zero.StoreUnsafe(ref correctionBase, at);
            Vector512<short>.Zero.StoreUnsafe(ref correctionBase, at + 32);
            // Floors are at least 1 and every sum is below 32,767, so a floor beyond 16 bits never fires.
            var floor = Vector512.Create((short)Math.Min(floors[row], short.MaxValue));
            var firing = Vector512.GreaterThanOrEqual(low, floor).ExtractMostSignificantBits()
                | (Vector512.GreaterThanOrEqual(high, floor).ExtractMostSignificantBits() << 32);
            if (firing == 0)
            {
                continue;
            }
            lane.EnsureHits(hits + BitOperations.PopCount(firing));
            for (; firing != 0; firing &= firing - 1)
            {
                var l = BitOperations.TrailingZeroCount(firing);
                lane.HitNeurons[hits] = row;
                lane.HitLanes[hits] = l;
                lane.HitAccumulators[hits] = l < 32 ? low.GetElement(l) : high.GetElement(l - 32);
                hits++;
            }
        }
        return hits;
    }

    /// <summary>Byte j of the result is byte j mod 8 of the source, the mask byte that holds lane j's bit.</summary>
    private static readonly Vector512<byte> SpreadBytes = Vector512.Create([.. Enumerable.Range(0, 64).Select(j => (byte)(j % 8))]);

    /// <summary>
    /// Per 8-byte group q (lanes 8q … 8q + 7), the bit matrix of a Galois-field affine transform that maps
    /// a byte to its bit q, as 0 or 1: row 0 of the matrix (the group's top byte) selects bit q.
    /// </summary>
    private static readonly Vector512<byte> PickBit = Vector512.Create([.. Enumerable.Range(0, 8).Select(q => (1UL << q) << 56)]).AsByte();

    /// <summary>
    /// A feature's mask as 64 bytes of 0 or 1, byte ℓ for lane ℓ. Two instructions: a byte permute puts
    /// mask byte ℓ mod 8 in byte ℓ, and the affine transform keeps bit ℓ / 8 of it
    /// (<see cref="LaneScratch.MaskBit"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Spread(ulong mask, Vector512<byte> spread, Vector512<byte> pick) =>
        Gfni.V512.GaloisFieldAffineTransform(Avx512Vbmi.PermuteVar64x8(Vector512.Create(mask).AsByte(), spread), pick, 0);

    /// <summary>A unit row's 64 sums of mask bits: byte adds, widened to 16 bits every <paramref name="group"/> entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<short> Low, Vector512<short> High) SumUnitRow(ulong[] masks, int[] columns, int start, int end, int group)
    {
        ref var maskBase = ref MemoryMarshal.GetArrayDataReference(masks);
        ref var column = ref MemoryMarshal.GetArrayDataReference(columns);
        var spread = SpreadBytes;
        var pick = PickBit;
        var low = Vector512<short>.Zero;
        var high = Vector512<short>.Zero;
        var k = start;
        while (k < end)
        {
            var stop = Math.Min(end, k + (2 * group));
            var even = Vector512<byte>.Zero;
            var odd = Vector512<byte>.Zero;
            // Two byte sums side by side keep two chains in flight; each takes at most `group` entries.
            for (; k + 1 < stop; k += 2)
            {
                even += Spread(Unsafe.Add(ref maskBase, Unsafe.Add(ref column, k)), spread, pick);
                odd += Spread(Unsafe.Add(ref maskBase, Unsafe.Add(ref column, k + 1)), spread, pick);
            }
            if (k < stop)
            {
                even += Spread(Unsafe.Add(ref maskBase, Unsafe.Add(ref column, k)), spread, pick);
                k++;
            }
            var (evenLow, evenHigh) = Vector512.Widen(even);
            var (oddLow, oddHigh) = Vector512.Widen(odd);
            low += (evenLow + oddLow).AsInt16();
            high += (evenHigh + oddHigh).AsInt16();
        }
        return (low, high);
    }

    /// <summary>A row with weights other than one: each feature's mask bits widened to 16 bits and multiplied by its weight.</summary>
    private static (Vector512<short> Low, Vector512<short> High) SumWeightedRow(ulong[] masks, int[] columns, int[] weights, int start, int end)
    {
        var low = Vector512<short>.Zero;
        var high = Vector512<short>.Zero;
        for (var k = start; k < end; k++)
        {
            var (lineLow, lineHigh) = Vector512.Widen(Spread(masks[columns[k]], SpreadBytes, PickBit));
            var weight = (short)weights[k];
            low += lineLow.AsInt16() * weight;
            high += lineHigh.AsInt16() * weight;
        }
        return (low, high);
    }

    /// <summary>Counting sort of the hits by lane (stable, so each lane's neurons stay ascending).</summary>
    private static void SortHitsByLane(LaneScratch lane, int hits)
    {
        var offsets = lane.HitOffsets;
        Array.Clear(offsets);
        foreach (var l in lane.HitLanes.AsSpan(0, hits))
        {
            offsets[l + 1]++;
        }
        for (var l = 0; l < LaneScratch.Lanes; l++)
        {
            offsets[l + 1] += offsets[l];
        }
        Span<int> cursor = stackalloc int[LaneScratch.Lanes];
        offsets.AsSpan(0, LaneScratch.Lanes).CopyTo(cursor);
        for (var h = 0; h < hits; h++)
        {
            var slot = cursor[lane.HitLanes[h]]++;
            lane.SortedNeurons[slot] = lane.HitNeurons[h];
            lane.SortedAccumulators[slot] = lane.HitAccumulators[h];
        }
    }

    /// <summary>
    /// Starts a new scratch generation for one lane of the last pass and lists its positive neurons in
    /// scratch.PositiveNeurons, as <see cref="Forward"/> does for a scattered sample. Returns how many.
    /// </summary>
    private static int LanePositive(Network network, EvaluationScratch scratch, int l)
    {
        var generation = scratch.NextGeneration();
        var lane = scratch.Lanes!;
        var width = network.InputWidth;
        var positive = 0;
        for (var h = lane.HitOffsets[l]; h < lane.HitOffsets[l + 1]; h++)
        {
            positive = KeepPositive(network, scratch, lane.SortedNeurons[h], lane.SortedAccumulators[h], width, generation, positive);
        }
        return positive;
    }
}
