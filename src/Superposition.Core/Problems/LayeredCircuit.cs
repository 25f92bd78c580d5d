using System.Collections.Immutable;
using Superposition.Randomness;

namespace Superposition.Problems;

/// <summary>
/// A layered circuit of fan-in-2 AND gates (docs/mathematics.md §8): layer 0 reads the m inputs, layer
/// k &gt; 0 reads the gates of layer k − 1, and gate e of layer k is the pair <see cref="Layers"/>[k] e
/// of the layer below. Every layer's gates are distinct pairs, so s true values below make at most
/// C(s, 2) true gates, and fewer when the values below are read by few gates (<see cref="SparsityBounds"/>).
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
    /// The most true gates each layer can have (docs/mathematics.md §8): s_0 = s active inputs, then
    /// s_(k+1) = max(1, min(C(s_k, 2), ⌊F_k(s_k) / 2⌋, gates of layer k)), where F_k(t) is the sum of the t
    /// largest fan-outs into layer k (how many gates of layer k read a value below). A true gate reads two
    /// true values and a true value is read by at most its fan-out of gates, so twice the true gates of
    /// layer k are at most F_k(s_k). Index k + 1 is layer k. For s = 3 every bound stays at most 3; for
    /// balanced trees (fan-out 1) the bound halves per layer.
    /// </summary>
    public ImmutableArray<int> SparsityBounds(int sparsity)
    {
        var bounds = ImmutableArray.CreateBuilder<int>(Depth + 1);
        bounds.Add(sparsity);
        long current = sparsity;
        foreach (var layer in Layers)
        {
            var fanOuts = layer.Degrees.ToArray();
            Array.Sort(fanOuts, (a, b) => b.CompareTo(a));
            var largest = 0L;
            for (var k = 0; k < Math.Min(current, fanOuts.Length); k++)
            {
                largest += fanOuts[k];
            }
            current = Next(current, largest, layer.Count);
            bounds.Add((int)current);
        }
        return bounds.MoveToImmutable();
    }

    /// <summary>
    /// <see cref="SparsityBounds"/> without a circuit (what a spec's checks and sizes use), for layers of
    /// <paramref name="widths"/> gates in which no value below is read by more than
    /// <paramref name="maxFanOut"/> gates (1 for balanced trees; a layer's width bounds it in general).
    /// Never below the bounds of a circuit of these widths and fan-outs.
    /// </summary>
    public static ImmutableArray<int> Bounds(int sparsity, ReadOnlySpan<int> widths, int maxFanOut)
    {
        var bounds = ImmutableArray.CreateBuilder<int>(widths.Length + 1);
        bounds.Add(sparsity);
        long current = sparsity;
        foreach (var width in widths)
        {
            current = Next(current, current * Math.Min(maxFanOut, width), width);
            bounds.Add((int)current);
        }
        return bounds.MoveToImmutable();
    }

    /// <summary><see cref="Bounds(int, ReadOnlySpan{int}, int)"/> for a circuit spec: fan-out 1 for "and-trees", unbounded for "random-layered".</summary>
    public static ImmutableArray<int> Bounds(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Bounds(spec.Sparsity, Widths(spec), spec.Graph == "and-trees" ? 1 : int.MaxValue);
    }

    private static long Next(long current, long fanOutSum, int width) =>
        Math.Max(1, Math.Min(Math.Min(current * (current - 1) / 2, fanOutSum / 2), width));

    /// <summary>
    /// The gates per layer a circuit spec asks for: output_count in every layer for "random-layered";
    /// output_count · 2^(d − k − 1) in layer k for "and-trees" (output_count trees).
    /// </summary>
    public static int[] Widths(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Graph == "and-trees"
            ? [.. Enumerable.Range(0, spec.Depth).Select(k => (int)Math.Min(int.MaxValue, (long)spec.OutputCount << (spec.Depth - k - 1)))]
            : [.. Enumerable.Repeat(spec.OutputCount, spec.Depth)];
    }

    /// <summary>The circuit of a valid circuit spec: random layers from <paramref name="seed"/>, or balanced trees.</summary>
    public static LayeredCircuit Generate(ProblemSpec spec, Seed seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Graph == "and-trees" ? BalancedTrees(spec.OutputCount, spec.Depth) : RandomLayered(spec.InputCount, Widths(spec), seed);
    }

    /// <summary>
    /// Every problem with a circuit spec: the generator, 1 ≤ d ≤ <see cref="ProblemSpec.MaxDepth"/>, and
    /// layers whose gates are distinct pairs of the layer below (random-layered: m' ≤ C(m, 2) and, from
    /// depth 2, m' ≤ C(m', 2)); balanced trees need m = m' · 2^d.
    /// </summary>
    public static IEnumerable<Validation.SpecError> Validate(ProblemSpec spec, string path)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string At(string field) => path.Length == 0 ? field : $"{path}.{field}";
        if (!GeneratorNames.Contains(spec.Graph))
        {
            yield return new Validation.SpecError(At("graph"), $"unknown circuit generator '{spec.Graph}'; expected one of {string.Join(", ", GeneratorNames)}");
            yield break;
        }
        if (spec.Depth is < 1 or > ProblemSpec.MaxDepth)
        {
            yield return new Validation.SpecError(At("depth"), $"must be between 1 and {ProblemSpec.MaxDepth}, got {spec.Depth}");
            yield break;
        }
        if (spec.Graph == "and-trees")
        {
            var inputs = (long)spec.OutputCount << spec.Depth;
            if (inputs != spec.InputCount)
            {
                yield return new Validation.SpecError(At("input_count"), $"{spec.OutputCount} balanced AND trees of depth {spec.Depth} read m = m' · 2^d = {inputs} inputs, got {spec.InputCount}");
            }
            yield break;
        }
        if (2L * spec.OutputCount > Array.MaxLength)
        {
            yield return new Validation.SpecError(At("output_count"), $"{spec.OutputCount} gates have {2L * spec.OutputCount} ends, more than the {Array.MaxLength} that one array holds");
        }
        else if (spec.OutputCount > spec.PossiblePairs)
        {
            yield return new Validation.SpecError(At("output_count"), $"{spec.OutputCount} first-layer gates exceed C(m,2) = {spec.PossiblePairs} pairs of m = {spec.InputCount} inputs");
        }
        else if (spec.Depth > 1 && spec.OutputCount > (long)spec.OutputCount * (spec.OutputCount - 1) / 2)
        {
            yield return new Validation.SpecError(At("output_count"), $"from depth 2 every layer's {spec.OutputCount} gates are distinct pairs of the {spec.OutputCount} gates below, so m' ≥ 3 is needed");
        }
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
