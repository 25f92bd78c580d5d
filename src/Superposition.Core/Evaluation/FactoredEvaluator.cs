using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Superposition.Decoding;
using Superposition.Inputs;
using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// The production evaluator (docs/mathematics.md §4.6): touches only what a sample touches. Encode the
/// active features into input neurons; walk the reverse index to count |C_i ∩ a| for every input read
/// above zero; scatter those integer counts through M's columns into integer accumulators; apply
/// bias and ReLU only where an accumulator reaches the neuron's firing floor (every other neuron is
/// at or below zero); from each positive neuron, find the outputs it can turn on, through the decoder's
/// kernel (<see cref="IDecodeKernel"/>: for all-above those whose whole code is positive, through the
/// neuron's anchored outputs; for mean-above and k-of-w every output on the reverse index). All
/// sums are integers until the single division in <see cref="Network.Activation"/>, so the result is
/// exact and equals <see cref="DenseEvaluator"/> bit for bit.
/// </summary>
/// <remarks>
/// Two scatter modes give the same result: when a sample's scatter covers a good part of the layer
/// (superposed inputs, where read noise touches most neurons) the accumulators are scanned densely,
/// which avoids a branch per update; when it is small (explicit inputs) touched neurons are listed.
/// Per 64 samples the batched pass (FactoredEvaluator.Batched.cs) may replace the per-sample scatter
/// altogether, and per sample the bitmap pass (FactoredEvaluator.Bitmap.cs) may replace the feature
/// counts and the scatter; the decoding after either is the same.
/// </remarks>
public static partial class FactoredEvaluator
{
    /// <summary>
    /// How many touched features ahead the scatter asks for a column of M (and twice as far for its
    /// offset). With superposed inputs a sample touches thousands of columns far apart in memory and the
    /// scatter otherwise waits on each one's first cache line; 8 measured best of 4, 8 and 16 (one worker at
    /// m = m' = 10^5: 2,711 → 4,170 samples/s).
    /// </summary>
    private const int PrefetchDistance = 8;

    #region decoder-dispatch
    /// <summary>
    /// Evaluates every sample of a batch with caller-owned scratch. The decoder is dispatched here, once
    /// per batch, onto its kernel struct: the only switch over <see cref="Decoder"/> cases in the product.
    /// </summary>
    public static BatchOutcome Evaluate(Network network, SampleBatch batch, EvaluationScratch scratch) => network.Decoder switch
    {
        Decoder.AllAbove decoder => Evaluate<AllAboveKernel>(network, batch, scratch, decoder.Threshold, 0),
        Decoder.MeanAbove decoder => Evaluate<MeanAboveKernel>(network, batch, scratch, decoder.Threshold, 0),
        Decoder.KOfW decoder => Evaluate<KOfWKernel>(network, batch, scratch, decoder.Threshold, decoder.K),
        var other => throw new UnreachableException($"decoder {other.Name} has no kernel"),
    };
    #endregion

    /// <summary>
    /// The dense activation vector of the read-out layer for one input: the positive neurons' activations,
    /// zero elsewhere (ReLU). For tests against <see cref="DenseEvaluator"/> on small networks.
    /// </summary>
    public static double[] Activations(Network network, ReadOnlySpan<int> features, EvaluationScratch scratch)
    {
        int positive;
        if (scratch.Kernel == ForwardKernel.Batched)
        {
            // One lane of a pass: the input as a one-sample batch (as the truth for a targets network).
            var one = network.InputEncoding == InputEncoding.Targets
                ? new SampleBatch(0, [0, 0], [], [0, features.Length], features.ToArray())
                : new SampleBatch(0, [0, features.Length], features.ToArray(), [0, 0], []);
            _ = UseBatched(network, one, 0, 1, scratch); // throws where the batched pass does not apply
            BatchedForward(network, one, 0, 1, scratch);
            positive = LanePositive(network, scratch, 0);
        }
        else
        {
            positive = Forward(network, features, scratch);
        }
        var activations = new double[network.OutputNeuronCount];
        foreach (var neuron in scratch.PositiveNeurons.AsSpan(0, positive))
        {
            activations[neuron] = scratch.Activations[neuron];
        }
        return activations;
    }

    private static BatchOutcome Evaluate<TKernel>(Network network, SampleBatch batch, EvaluationScratch scratch, double threshold, int k)
        where TKernel : struct, IDecodeKernel
    {
        var offsets = new int[batch.Count + 1];
        var decoded = new List<int>(batch.Count * 4);
        var minTrue = new double[batch.Count];
        var maxFalse = new double[batch.Count];
        var targets = network.InputEncoding == InputEncoding.Targets;
        for (var first = 0; first < batch.Count; first += LaneScratch.Lanes)
        {
            var lanes = Math.Min(LaneScratch.Lanes, batch.Count - first);
            var batched = UseBatched(network, batch, first, lanes, scratch);
            if (batched)
            {
                BatchedForward(network, batch, first, lanes, scratch);
            }
            for (var sample = first; sample < first + lanes; sample++)
            {
                var truth = batch.Truth(sample);
                var positive = batched
                    ? LanePositive(network, scratch, sample - first)
                    : Forward(network, targets ? truth : batch.Active(sample), scratch);
                var count = Decode<TKernel>(network, truth, scratch, positive, threshold, k, out minTrue[sample], out maxFalse[sample]);
                decoded.AddRange(scratch.Decoded.AsSpan(0, count));
                offsets[sample + 1] = decoded.Count;
            }
        }
        return new BatchOutcome(offsets, [.. decoded], minTrue, maxFalse);
    }

    /// <summary>
    /// Decodes one sample from its positive neurons (the current scratch generation): writes its decoded
    /// outputs (ascending) to scratch.Decoded and returns their number. <paramref name="truth"/> is sorted.
    /// </summary>
    private static int Decode<TKernel>(Network network, ReadOnlySpan<int> truth, EvaluationScratch scratch, int positive, double threshold, int k, out double minTrueMargin, out double maxFalseMargin)
        where TKernel : struct, IDecodeKernel
    {
        var generation = scratch.Generation;
        var code = network.OutputCode;
        var touchedOutputs = TKernel.Collect(code, scratch, positive, generation);

        // Margins: an output the kernel left out reads at the floor (0 − threshold).
        var floor = 0.0 - threshold;
        var decodedCount = 0;
        minTrueMargin = double.PositiveInfinity;
        maxFalseMargin = double.NegativeInfinity;
        var touchedFalse = 0;
        foreach (var output in scratch.TouchedOutputs.AsSpan(0, touchedOutputs))
        {
            var margin = TKernel.Margin(code, scratch, output, threshold, k);
            if (margin > 0)
            {
                scratch.Decoded[decodedCount++] = output;
            }
            if (truth.BinarySearch(output) >= 0)
            {
                minTrueMargin = Math.Min(minTrueMargin, margin);
            }
            else
            {
                maxFalseMargin = Math.Max(maxFalseMargin, margin);
                touchedFalse++;
            }
        }
        foreach (var output in truth)
        {
            if (scratch.OutputStamp[output] != generation)
            {
                minTrueMargin = Math.Min(minTrueMargin, floor);
            }
        }
        if (code.FeatureCount - truth.Length - touchedFalse > 0)
        {
            maxFalseMargin = Math.Max(maxFalseMargin, floor);
        }
        scratch.Decoded.AsSpan(0, decodedCount).Sort();
        return decodedCount;
    }

    /// <summary>
    /// Encodes <paramref name="features"/> and finds the read-out neurons with positive activation,
    /// listed in scratch.PositiveNeurons with their activations in scratch.Activations. Returns how many.
    /// Starts a new scratch generation and leaves counters and accumulators at zero.
    /// </summary>
    private static int Forward(Network network, ReadOnlySpan<int> features, EvaluationScratch scratch)
    {
        var generation = scratch.NextGeneration();
        var inputCode = network.InputCode;
        var setCount = SetInputNeurons(inputCode, features, scratch, generation);
        if (network.Compute is not { } compute)
        {
            // No compute layer: the read-out neurons are the encoded ones, each at activation 1.
            foreach (var neuron in scratch.SetNeurons.AsSpan(0, setCount))
            {
                MarkPositive(scratch, neuron, 1.0, generation);
            }
            scratch.SetNeurons.AsSpan(0, setCount).CopyTo(scratch.PositiveNeurons);
            return setCount;
        }

        if (BitmapPreferred(network, scratch, setCount) && TryBitmapForward(network, scratch, setCount, generation, out var bitmapPositive))
        {
            return bitmapPositive;
        }
        var touchedFeatures = CountFeatures(inputCode, scratch.SetNeurons.AsSpan(0, setCount), scratch);
        // The mode is chosen from the mean column length: it changes the speed, never the result, and
        // summing the touched columns' exact lengths first would cost a scattered read per feature.
        var expectedEntries = (long)touchedFeatures * compute.NonzeroCount / Math.Max(1, compute.ColumnCount);
        var dense = expectedEntries * 4 > network.OutputNeuronCount;
        scratch.DenseScans += dense ? 1 : 0;
        var touchedNeurons = Scatter(compute, scratch, touchedFeatures, listTouched: !dense);
        var width = network.InputWidth;
        return CollectPositive(network, scratch, scratch.TouchedNeurons.AsSpan(0, touchedNeurons), dense, width, generation);
    }

    /// <summary>Encodes: lists in scratch.SetNeurons the union of the features' input codes, each neuron once (stamped with <paramref name="generation"/>); returns how many.</summary>
    private static int SetInputNeurons(Codes.Code inputCode, ReadOnlySpan<int> features, EvaluationScratch scratch, int generation)
    {
        var setCount = 0;
        foreach (var feature in features)
        {
            foreach (var neuron in inputCode.Support(feature))
            {
                if (scratch.InputNeuronStamp[neuron] != generation)
                {
                    scratch.InputNeuronStamp[neuron] = generation;
                    scratch.SetNeurons[setCount++] = neuron;
                }
            }
        }
        return setCount;
    }

    /// <summary>|C_i ∩ a| for every input feature read above zero (reverse index walk).</summary>
    private static int CountFeatures(Codes.Code inputCode, ReadOnlySpan<int> setNeurons, EvaluationScratch scratch)
    {
        var touched = 0;
        var reverseOffsets = inputCode.ReverseOffsets;
        var reverseFeatures = inputCode.ReverseFeatures;
        var counts = scratch.FeatureCounts;
        foreach (var neuron in setNeurons)
        {
            for (var k = reverseOffsets[neuron]; k < reverseOffsets[neuron + 1]; k++)
            {
                var feature = reverseFeatures[k];
                if (counts[feature]++ == 0)
                {
                    scratch.TouchedFeatures[touched++] = feature;
                }
            }
        }
        return touched;
    }

    /// <summary>
    /// Adds M[u,i]·count_i into the accumulators, resetting the feature counts as it goes. The columns a
    /// sample touches lie far apart in memory, so their bytes are the cost: each is prefetched
    /// <see cref="PrefetchDistance"/> features ahead, rows are read as 16-bit indices when the layer
    /// allows, and weights only for columns that are not all ones.
    /// </summary>
    private static int Scatter(ComputeMatrix compute, EvaluationScratch scratch, int touchedFeatures, bool listTouched) =>
        compute.ShortRows is { } shortRows
            ? Scatter<ushort>(compute, shortRows, scratch, touchedFeatures, listTouched)
            : Scatter<int>(compute, compute.RowSpan, scratch, touchedFeatures, listTouched);

    /// <summary>
    /// A stored row as an index. TRow is ushort or int; the type test folds away when the JIT specialises
    /// the scatter; the generic-math conversion it replaces was not fully inlined (forward pass 160 → 138 µs
    /// per sample at m = m' = 10^5 when replaced).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowIndex<TRow>(TRow row)
        where TRow : unmanaged =>
        typeof(TRow) == typeof(ushort) ? Unsafe.As<TRow, ushort>(ref row) : Unsafe.As<TRow, int>(ref row);

    /// <summary>
    /// accumulator[row] += amount for every row of one column, four at a time: a column holds each row
    /// once, so the four additions never touch the same accumulator. In a method of its own the loop keeps
    /// its pointers in registers (inside the scatter the accumulator base was reloaded from the stack for
    /// every entry), and it indexes without bounds checks: the span is a column of M and every row is in
    /// range.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddToRows<TRow>(ref int accumulator, ReadOnlySpan<TRow> rows, int amount)
        where TRow : unmanaged
    {
        ref var row = ref MemoryMarshal.GetReference(rows);
        var k = 0;
        for (; k + 4 <= rows.Length; k += 4)
        {
            Unsafe.Add(ref accumulator, RowIndex(Unsafe.Add(ref row, k))) += amount;
            Unsafe.Add(ref accumulator, RowIndex(Unsafe.Add(ref row, k + 1))) += amount;
            Unsafe.Add(ref accumulator, RowIndex(Unsafe.Add(ref row, k + 2))) += amount;
            Unsafe.Add(ref accumulator, RowIndex(Unsafe.Add(ref row, k + 3))) += amount;
        }
        for (; k < rows.Length; k++)
        {
            Unsafe.Add(ref accumulator, RowIndex(Unsafe.Add(ref row, k))) += amount;
        }
    }

    /// <summary>accumulator[row] += weight · count for every entry of one column (columns with weights other than one).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddWeightedToRows<TRow>(ref int accumulator, ReadOnlySpan<TRow> rows, ReadOnlySpan<int> weights, int count)
        where TRow : unmanaged
    {
        for (var k = 0; k < rows.Length; k++)
        {
            Unsafe.Add(ref accumulator, RowIndex(rows[k])) += weights[k] * count;
        }
    }

    private static int Scatter<TRow>(ComputeMatrix compute, ReadOnlySpan<TRow> allRows, EvaluationScratch scratch, int touchedFeatures, bool listTouched)
        where TRow : unmanaged
    {
        var accumulators = scratch.Accumulators;
        // Every row index is below RowCount (checked when M is made) and there is one accumulator per
        // row, so the hot loops index without bounds checks.
        ref var accumulator = ref MemoryMarshal.GetArrayDataReference(accumulators);
        var counts = scratch.FeatureCounts;
        var columnOffsets = compute.ColumnOffsetSpan;
        var allWeights = compute.WeightSpan;
        var unitColumns = compute.UnitColumns;
        var touched = 0;
        long entries = 0;
        var features = scratch.TouchedFeatures.AsSpan(0, touchedFeatures);
        for (var j = 0; j < features.Length; j++)
        {
            if (j + (2 * PrefetchDistance) < features.Length)
            {
                Prefetching.Prefetch(columnOffsets, features[j + (2 * PrefetchDistance)]);
            }
            if (j + PrefetchDistance < features.Length)
            {
                var ahead = columnOffsets[features[j + PrefetchDistance]];
                Prefetching.Prefetch(allRows, ahead);
                Prefetching.Prefetch(allRows, ahead + (64 / Unsafe.SizeOf<TRow>()));
            }
            var feature = features[j];
            var count = counts[feature];
            counts[feature] = 0;
            var start = columnOffsets[feature];
            var rows = allRows[start..columnOffsets[feature + 1]];
            entries += rows.Length;
            if (listTouched)
            {
                // A column holds each row once, so listing before adding lists each neuron once.
                foreach (var row in rows)
                {
                    if (Unsafe.Add(ref accumulator, RowIndex(row)) == 0)
                    {
                        scratch.TouchedNeurons[touched++] = RowIndex(row);
                    }
                }
            }
            if (unitColumns[feature])
            {
                AddToRows(ref accumulator, rows, count);
            }
            else
            {
                AddWeightedToRows(ref accumulator, rows, allWeights.Slice(start, rows.Length), count);
            }
        }
        scratch.TouchedEntries += entries;
        return touched;
    }

    /// <summary>
    /// Keeps the neurons whose accumulator reaches their firing floor and zeroes every accumulator it
    /// reads: all neurons in dense mode (untouched ones read as zero, below every floor), the listed
    /// touched ones otherwise.
    /// </summary>
    private static int CollectPositive(Network network, EvaluationScratch scratch, ReadOnlySpan<int> touched, bool dense, int width, int generation)
    {
        if (dense)
        {
            return CollectPositiveDense(network, scratch, width, generation);
        }
        var accumulators = scratch.Accumulators;
        var floors = scratch.FireFloors;
        var positive = 0;
        foreach (var neuron in touched)
        {
            var accumulator = accumulators[neuron];
            accumulators[neuron] = 0;
            if (accumulator >= floors[neuron])
            {
                positive = KeepPositive(network, scratch, neuron, accumulator, width, generation, positive);
            }
        }
        return positive;
    }

    /// <summary>
    /// The dense scan, eight neurons per step: nearly every neuron holds some read noise, so a compare
    /// against the floors and a store of zeros per vector replace a branch per neuron; only the few
    /// lanes at or above their floor are visited one by one.
    /// </summary>
    private static int CollectPositiveDense(Network network, EvaluationScratch scratch, int width, int generation)
    {
        var accumulators = scratch.Accumulators;
        var floors = scratch.FireFloors;
        var positive = 0;
        var neuron = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var accumulatorBase = ref MemoryMarshal.GetArrayDataReference(accumulators);
            ref var floorBase = ref MemoryMarshal.GetArrayDataReference(floors);
            for (; neuron <= accumulators.Length - Vector256<int>.Count; neuron += Vector256<int>.Count)
            {
                var values = Vector256.LoadUnsafe(ref accumulatorBase, (nuint)neuron);
                var firing = Vector256.GreaterThanOrEqual(values, Vector256.LoadUnsafe(ref floorBase, (nuint)neuron)).ExtractMostSignificantBits();
                Vector256<int>.Zero.StoreUnsafe(ref accumulatorBase, (nuint)neuron);
                for (; firing != 0; firing &= firing - 1)
                {
                    var lane = BitOperations.TrailingZeroCount(firing);
                    positive = KeepPositive(network, scratch, neuron + lane, values.GetElement(lane), width, generation, positive);
                }
            }
        }
        for (; neuron < accumulators.Length; neuron++)
        {
            var accumulator = accumulators[neuron];
            accumulators[neuron] = 0;
            if (accumulator >= floors[neuron])
            {
                positive = KeepPositive(network, scratch, neuron, accumulator, width, generation, positive);
            }
        }
        return positive;
    }

    private static int KeepPositive(Network network, EvaluationScratch scratch, int neuron, int accumulator, int width, int generation, int positive)
    {
        var activation = Network.Activation(accumulator, width, network.Biases[neuron]);
        if (!(activation > 0))
        {
            // Only at a floor clamped to int.MaxValue (a bias too negative for any int accumulator).
            return positive;
        }
        MarkPositive(scratch, neuron, activation, generation);
        scratch.PositiveNeurons[positive] = neuron;
        return positive + 1;
    }

    private static void MarkPositive(EvaluationScratch scratch, int neuron, double activation, int generation)
    {
        scratch.PositiveStamp[neuron] = generation;
        scratch.Activations[neuron] = activation;
    }
}
