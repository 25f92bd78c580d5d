namespace Superposition.Reports.Analysis;

/// <summary>The median of values already sorted: the middle one, or the mean of the middle two for an even count.</summary>
public static class Medians
{
    public static double OfSorted(IReadOnlyList<double> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("the median of no values is undefined", nameof(sorted));
        }
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
