using System.Collections.Immutable;

namespace Superposition.Reports.Analysis;

/// <summary>
/// Where two measured curves cross, such as the neurons of superposed-and and of dedicated against m':
/// the m' beyond which superposition pays. Sizes grow like powers of m', so the crossing is interpolated
/// linearly in (log x, log y) between the shared x values on either side of it, not on linear scales.
/// </summary>
public static class Crossovers
{
    /// <summary>
    /// The x values, ascending, where <paramref name="first"/> and <paramref name="second"/> cross or touch,
    /// over the x values both curves have (x and y must be positive). Empty when one curve stays above the
    /// other over the shared range, or when they share fewer than two x values and do not touch.
    /// </summary>
    public static ImmutableArray<double> Find(IReadOnlyList<CurvePoint> first, IReadOnlyList<CurvePoint> second)
    {
        var gaps = LogGaps(first, second);
        var crossings = ImmutableArray.CreateBuilder<double>();
        for (var i = 0; i < gaps.Length; i++)
        {
            var (x, gap) = gaps[i];
            if (gap == 0)
            {
                crossings.Add(x);
                continue;
            }
            if (i + 1 < gaps.Length && gaps[i + 1].Gap != 0 && Math.Sign(gap) != Math.Sign(gaps[i + 1].Gap))
            {
                var (logX, nextLogX, nextGap) = (Math.Log(x), Math.Log(gaps[i + 1].X), gaps[i + 1].Gap);
                crossings.Add(Math.Exp(logX + (gap * (nextLogX - logX) / (gap - nextGap))));
            }
        }
        return crossings.ToImmutable();
    }

    /// <summary>
    /// At the shared x values, ascending: x and ln y_first − ln y_second (negative where the first
    /// curve is lower). Points with x ≤ 0 or y ≤ 0 are left out.
    /// </summary>
    public static ImmutableArray<(double X, double Gap)> LogGaps(IReadOnlyList<CurvePoint> first, IReadOnlyList<CurvePoint> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var others = Positive(second).GroupBy(p => p.X).ToDictionary(g => g.Key, g => g.First().Y);
        return
        [
            .. Positive(first)
                .GroupBy(p => p.X)
                .Where(g => others.ContainsKey(g.Key))
                .OrderBy(g => g.Key)
                .Select(g => (g.Key, Math.Log(g.First().Y) - Math.Log(others[g.Key]))),
        ];
    }

    private static IEnumerable<CurvePoint> Positive(IReadOnlyList<CurvePoint> points) =>
        points.Where(p => p.X > 0 && p.Y > 0 && double.IsFinite(p.X) && double.IsFinite(p.Y));
}
