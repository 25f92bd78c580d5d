namespace Superposition.Testing;

/// <summary>
/// Every subset of a given size of [0, below), in colex order, written out as nested loops over the largest
/// element first: the independent enumeration the exhaustive mode is checked against.
/// </summary>
public static class NaiveSubsets
{
    public static IEnumerable<int[]> Colex(int below, int size)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }
        for (var largest = size - 1; largest < below; largest++)
        {
            foreach (var rest in Colex(largest, size - 1))
            {
                yield return [.. rest, largest];
            }
        }
    }
}
