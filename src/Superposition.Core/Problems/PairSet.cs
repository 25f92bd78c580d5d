using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Superposition.Problems;

/// <summary>
/// m' distinct unordered pairs of inputs; pair e is {First[e], Second[e]} with First[e] &lt; Second[e], and
/// e is its output index. Carries a sorted adjacency (CSR) so that "which output is pair {i, j}?" is a
/// binary search, with memory linear in m'.
/// </summary>
public sealed class PairSet
{
    private readonly int[] _adjacencyOffsets;
    private readonly int[] _neighbours;
    private readonly int[] _neighbourOutputs;

    public PairSet(int inputCount, int[] first, int[] second)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException("pair arrays differ in length");
        }
        InputCount = inputCount;
        var degrees = new int[inputCount];
        for (var e = 0; e < first.Length; e++)
        {
            var (i, j) = (first[e], second[e]);
            if (i >= j || i < 0 || j >= inputCount)
            {
                throw new ArgumentException($"pair {e} = ({i}, {j}) is not an ordered pair of distinct inputs below {inputCount}");
            }
            degrees[i]++;
            degrees[j]++;
        }
        _adjacencyOffsets = new int[inputCount + 1];
        for (var i = 0; i < inputCount; i++)
        {
            _adjacencyOffsets[i + 1] = _adjacencyOffsets[i] + degrees[i];
        }
        _neighbours = new int[_adjacencyOffsets[inputCount]];
        _neighbourOutputs = new int[_neighbours.Length];
        var cursor = _adjacencyOffsets[..^1];
        for (var e = 0; e < first.Length; e++)
        {
            Place(first[e], second[e], e);
            Place(second[e], first[e], e);
        }
        for (var i = 0; i < inputCount; i++)
        {
            var range = new Range(_adjacencyOffsets[i], _adjacencyOffsets[i + 1]);
            _neighbours.AsSpan(range).Sort(_neighbourOutputs.AsSpan(range));
            var sorted = _neighbours.AsSpan(range);
            for (var k = 1; k < sorted.Length; k++)
            {
                if (sorted[k] == sorted[k - 1])
                {
                    throw new ArgumentException($"pair ({Math.Min(i, sorted[k])}, {Math.Max(i, sorted[k])}) appears twice");
                }
            }
        }
        First = ImmutableCollectionsMarshal.AsImmutableArray(first);
        Second = ImmutableCollectionsMarshal.AsImmutableArray(second);
        Degrees = ImmutableCollectionsMarshal.AsImmutableArray(degrees);

        void Place(int from, int to, int output)
        {
            _neighbours[cursor[from]] = to;
            _neighbourOutputs[cursor[from]] = output;
            cursor[from]++;
        }
    }

    public int InputCount { get; }

    public int Count => First.Length;

    public ImmutableArray<int> First { get; }

    public ImmutableArray<int> Second { get; }

    public ImmutableArray<int> Degrees { get; }

    /// <summary>Neighbours of input i, sorted ascending.</summary>
    public ReadOnlySpan<int> Neighbours(int input) => _neighbours.AsSpan(_adjacencyOffsets[input], _adjacencyOffsets[input + 1] - _adjacencyOffsets[input]);

    /// <summary>The output index of each neighbour in <see cref="Neighbours"/>, position by position.</summary>
    public ReadOnlySpan<int> NeighbourOutputs(int input) => _neighbourOutputs.AsSpan(_adjacencyOffsets[input], _adjacencyOffsets[input + 1] - _adjacencyOffsets[input]);

    /// <summary>The output index of pair {i, j}, or -1 when it is not in the set.</summary>
    public int OutputOf(int i, int j)
    {
        var position = Neighbours(i).BinarySearch(j);
        return position >= 0 ? NeighbourOutputs(i)[position] : -1;
    }
}
