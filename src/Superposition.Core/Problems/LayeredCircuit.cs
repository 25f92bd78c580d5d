using System.Collections.Immutable;
using Superposition.Randomness;

namespace Superposition.Problems;

/// <summary>
/// A layered circuit of fan-in-2 AND gates (docs/mathematics.md §8): layer 0 reads the m inputs, layer
/// k &gt; 0 reads the gates of layer k − 1, and gate e of layer k is the pair <see cref="Layers"/>[k] e
/// of the layer below. Every layer's gates are distinct pairs, so s true values below make at most
/// C(s, 2) true gates (<see cref="SparsityBounds"/>).
/// </summary>
public sealed record LayeredCircuit(int InputCount, ImmutableArray<PairSet> Layers)
{
    /// <summary>The generator names: random layered circuits and balanced AND trees.</summary>
    public static ImmutableArray<string> GeneratorNames { get; } = ["random-layered", "and-trees"];

    public int Depth => Layers.Length;

    /// <summary>Gates of layer k.</summary>
    public int Width(int layer) => Layers[layer].Count;

    /// <summary>
    /// Layer k's gates drawn by the uniform pair-set generator over the layer below (distinct pairs), each
    /// layer from its own derived seed. <paramref name="widths"/>[k] must not exceed C(width below, 2).
    /// </summary>
    public static LayeredCircuit RandomLayered(int inputCount, ReadOnlySpan<int> widths, Seed seed)
    {
        var layers = ImmutableArray.CreateBuilder<PairSet>(widths.Length);
        var below = inputCount;
        for (var k = 0; k < widths.Length; k++)
        {
            var spec = new ProblemSpec(ProblemKind.And, "random", below, widths[k], 2);
            layers.Add(PairGraphs.Generate(spec, seed.Derive("circuit-layer", k)));
            below = widths[k];
        }
        return new LayeredCircuit(inputCount, layers.MoveToImmutable());
    }

    /// <summary>
    /// <paramref name="trees"/> balanced AND trees of depth d, each the AND of its own 2^d inputs: gate j of
    /// layer k reads gates 2j and 2j + 1 of the layer below, so m = trees · 2^d and layer k has trees · 2^(d−k−1) gates.
    /// </summary>
    public static LayeredCircuit BalancedTrees(int trees, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trees, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var inputCount = checked(trees << depth);
        var layers = ImmutableArray.CreateBuilder<PairSet>(depth);
        var below = inputCount;
        for (var k = 0; k < depth; k++)
        {
            var gates = below / 2;
            layers.Add(new PairSet(below, [.. Enumerable.Range(0, gates).Select(j => 2 * j)], [.. Enumerable.Range(0, gates).Select(j => (2 * j) + 1)]));
            below = gates;
        }
        return new LayeredCircuit(inputCount, layers.MoveToImmutable());
    }

    /// <summary>
    /// s_0 = s active inputs, then s_(k+1) = min(C(s_k, 2), gates of layer k), at least 1: the most true
    /// gates layer k can have. Index k + 1 is layer k; for s = 3 every bound stays at most 3.
    /// </summary>
    public ImmutableArray<int> SparsityBounds(int sparsity)
    {
        var bounds = ImmutableArray.CreateBuilder<int>(Depth + 1);
        bounds.Add(sparsity);
        long current = sparsity;
        for (var k = 0; k < Depth; k++)
        {
            current = Math.Max(1, Math.Min(current * (current - 1) / 2, Width(k)));
            bounds.Add((int)current);
        }
        return bounds.MoveToImmutable();
    }

    /// <summary>The true gates of every layer (each ascending) for the active inputs (ascending).</summary>
    public ImmutableArray<int[]> GateValues(ReadOnlySpan<int> activeInputs)
    {
        var values = ImmutableArray.CreateBuilder<int[]>(Depth);
        var below = activeInputs.ToArray();
        foreach (var layer in Layers)
        {
            var pairs = new AndProblem(new ProblemSpec(ProblemKind.And, "random", layer.InputCount, Math.Max(1, layer.Count), 2), layer);
            var destination = new int[below.Length * below.Length];
            var count = pairs.TrueOutputs(below, destination);
            below = destination[..count];
            values.Add(below);
        }
        return values.MoveToImmutable();
    }
}
