using System.Collections.Immutable;
using Superposition.Rows;

namespace Superposition.Reports.Analysis;

/// <summary>Turns rows into curves against m' (output_count): the x axis of every scaling figure.</summary>
public static class Curves
{
    /// <summary>
    /// The mean of <paramref name="value"/> over the rows at each m', ascending in m' (replicates and
    /// input distributions averaged). Non-finite values are left out of the mean; an m' with none is dropped.
    /// </summary>
    public static ImmutableArray<CurvePoint> MeanByOutputCount(IEnumerable<CaseRow> rows, Func<CaseRow, double> value)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(value);
        return
        [
            .. rows
                .GroupBy(row => row.OutputCount)
                .Select(g => (OutputCount: g.Key, Values: g.Select(value).Where(double.IsFinite).ToList()))
                .Where(g => g.Values.Count > 0)
                .OrderBy(g => g.OutputCount)
                .Select(g => new CurvePoint(g.OutputCount, g.Values.Average())),
        ];
    }

    /// <summary>Each point's y divided by <paramref name="divisor"/>(x): a curve relative to a reference shape.</summary>
    public static ImmutableArray<CurvePoint> Divide(IEnumerable<CurvePoint> points, Func<double, double> divisor)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(divisor);
        return [.. points.Select(p => p with { Y = p.Y / divisor(p.X) })];
    }
}
