using System.Collections.Immutable;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Superposition.Codes;

/// <summary>
/// A superposed code (docs/mathematics.md §3): feature f owns the support S_f, a set of distinct
/// neurons in [0, NeuronCount). Stored as CSR in both directions: feature → neurons (in draw order) and
/// neuron → features (ascending), the reverse index that factored evaluation walks.
/// </summary>
public sealed class Code
{
    private readonly int[] _offsets;
    private readonly int[] _neurons;
    private readonly int[] _reverseOffsets;
    private readonly int[] _reverseFeatures;
    private readonly int[] _anchorOffsets;
    private readonly int[] _anchoredFeatures;
    private readonly int[] _anchorWitnesses;

    /// <param name="neuronCount">Neurons the code lives on.</param>
    /// <param name="offsets">FeatureCount + 1 offsets into <paramref name="neurons"/>.</param>
    /// <param name="neurons">The supports, feature after feature.</param>
    /// <param name="isExplicit">True for the identity code (one neuron per feature, no read noise).</param>
    public Code(int neuronCount, int[] offsets, int[] neurons, bool isExplicit = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(neuronCount);
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != neurons.Length)
        {
            throw new ArgumentException("offsets must start at 0 and end at the number of support entries");
        }
        NeuronCount = neuronCount;
        IsExplicit = isExplicit;
        _offsets = offsets;
        _neurons = neurons;
        (_reverseOffsets, _reverseFeatures) = Reverse(neuronCount, offsets, neurons);
        (_anchorOffsets, _anchoredFeatures, _anchorWitnesses) = Anchors(neuronCount, offsets, neurons);
    }

    public int FeatureCount => _offsets.Length - 1;

    public int NeuronCount { get; }

    public bool IsExplicit { get; }

    /// <summary>Total support entries, Σ |S_f|.</summary>
    public long EntryCount => _neurons.Length;

    /// <summary>The width when every support has the same size, else -1.</summary>
    public int UniformWidth
    {
        get
        {
            if (FeatureCount == 0)
            {
                return 0;
            }
            var width = _offsets[1];
            for (var f = 1; f < FeatureCount; f++)
            {
                if (_offsets[f + 1] - _offsets[f] != width)
                {
                    return -1;
                }
            }
            return width;
        }
    }

    public ReadOnlySpan<int> Support(int feature) => _neurons.AsSpan(_offsets[feature], _offsets[feature + 1] - _offsets[feature]);

    public int Width(int feature) => _offsets[feature + 1] - _offsets[feature];

    /// <summary>Features whose support contains <paramref name="neuron"/>, ascending.</summary>
    public ReadOnlySpan<int> FeaturesOn(int neuron) => _reverseFeatures.AsSpan(_reverseOffsets[neuron], _reverseOffsets[neuron + 1] - _reverseOffsets[neuron]);

    /// <summary>The raw forward CSR, for kernels and exporters.</summary>
    public ImmutableArray<int> Offsets => ImmutableCollectionsMarshal.AsImmutableArray(_offsets);

    public ImmutableArray<int> Neurons => ImmutableCollectionsMarshal.AsImmutableArray(_neurons);

    internal ReadOnlySpan<int> ForwardOffsets => _offsets;

    internal ReadOnlySpan<int> ForwardNeurons => _neurons;

    internal ReadOnlySpan<int> ReverseOffsets => _reverseOffsets;

    internal ReadOnlySpan<int> ReverseFeatures => _reverseFeatures;

    /// <summary>
    /// Features whose smallest support neuron is <paramref name="neuron"/> (its "anchor"). A feature whose
    /// every neuron is active is found exactly once by visiting the anchored features of active neurons,
    /// which is m'/n features per neuron instead of the m'·w/n of the full reverse index.
    /// </summary>
    internal ReadOnlySpan<int> AnchoredOn(int neuron) => _anchoredFeatures.AsSpan(_anchorOffsets[neuron], _anchorOffsets[neuron + 1] - _anchorOffsets[neuron]);

    /// <summary>
    /// Beside each feature of <see cref="AnchoredOn"/>, its witness: the largest member of its support (the
    /// anchor itself for width 1). A feature can only be complete if its witness is active too, and that
    /// test reads a small array, where reading the support would miss the cache for nearly every feature.
    /// </summary>
    internal ReadOnlySpan<int> WitnessesOn(int neuron) => _anchorWitnesses.AsSpan(_anchorOffsets[neuron], _anchorOffsets[neuron + 1] - _anchorOffsets[neuron]);

    private static (int[] Offsets, int[] Features, int[] Witnesses) Anchors(int neuronCount, int[] offsets, int[] neurons)
    {
        var featureCount = offsets.Length - 1;
        var anchors = new int[featureCount];
        var anchorOffsets = new int[neuronCount + 1];
        for (var f = 0; f < featureCount; f++)
        {
            var support = neurons.AsSpan(offsets[f], offsets[f + 1] - offsets[f]);
            anchors[f] = support.IsEmpty ? -1 : TensorPrimitives.Min(support);
            if (anchors[f] >= 0)
            {
                anchorOffsets[anchors[f] + 1]++;
            }
        }
        for (var v = 0; v < neuronCount; v++)
        {
            anchorOffsets[v + 1] += anchorOffsets[v];
        }
        var cursor = anchorOffsets[..^1];
        var anchored = new int[anchorOffsets[neuronCount]];
        var witnesses = new int[anchored.Length];
        for (var f = 0; f < featureCount; f++)
        {
            if (anchors[f] >= 0)
            {
                var slot = cursor[anchors[f]]++;
                anchored[slot] = f;
                witnesses[slot] = TensorPrimitives.Max(neurons.AsSpan(offsets[f], offsets[f + 1] - offsets[f]));
            }
        }
        return (anchorOffsets, anchored, witnesses);
    }

    /// <summary>
    /// The neuron → features index, ascending. Built on all cores (at m' = 10^7 a code has 2.4 · 10^8
    /// entries): each core counts and then files a contiguous block of features; on every neuron a block's
    /// features precede the next block's, so the index is the one a single pass in feature order gives.
    /// </summary>
    private static (int[] Offsets, int[] Features) Reverse(int neuronCount, int[] offsets, int[] neurons)
    {
        var outside = neuronCount == 0 ? (neurons.Length > 0 ? 0 : -1) : neurons.AsSpan().IndexOfAnyExceptInRange(0, neuronCount - 1);
        if (outside >= 0)
        {
            throw new ArgumentException($"support entry {neurons[outside]} lies outside [0, {neuronCount})");
        }
        var featureCount = offsets.Length - 1;
        var blocks = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, featureCount));
        (int From, int To) Block(int block) => ((int)((long)featureCount * block / blocks), (int)((long)featureCount * (block + 1) / blocks));
        var cursors = new int[blocks][];
        Parallel.For(0, blocks, block =>
        {
            var counts = new int[neuronCount];
            var (from, to) = Block(block);
            for (var k = offsets[from]; k < offsets[to]; k++)
            {
                counts[neurons[k]]++;
            }
            cursors[block] = counts;
        });
        // Turn each block's counts into where its first feature on each neuron goes.
        var reverseOffsets = new int[neuronCount + 1];
        for (var v = 0; v < neuronCount; v++)
        {
            var next = reverseOffsets[v];
            foreach (var cursor in cursors)
            {
                (cursor[v], next) = (next, next + cursor[v]);
            }
            reverseOffsets[v + 1] = next;
        }
        var features = new int[neurons.Length];
        Parallel.For(0, blocks, block =>
        {
            var cursor = cursors[block];
            var (from, to) = Block(block);
            for (var f = from; f < to; f++)
            {
                for (var k = offsets[f]; k < offsets[f + 1]; k++)
                {
                    features[cursor[neurons[k]]++] = f;
                }
            }
        });
        return (reverseOffsets, features);
    }
}
