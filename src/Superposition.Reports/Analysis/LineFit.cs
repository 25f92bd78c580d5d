namespace Superposition.Reports.Analysis;

/// <summary>
/// An ordinary least-squares line y = Intercept + Slope · x with the standard error of the slope. The
/// report fits exponents on log-log data with it, because a slope with its uncertainty is what lets a
/// reader judge "0.5 up to log factors" instead of reading it off a plot.
/// </summary>
/// <param name="SlopeStandardError">√(Σ residual² / (n − 2) / Σ (x − x̄)²); NaN with two points, where it is undefined.</param>
/// <param name="Points">How many points the line was fitted to.</param>
public readonly record struct LineFit(double Slope, double Intercept, double SlopeStandardError, int Points)
{
    /// <summary>The least-squares line through <paramref name="points"/>, or null when they have fewer than two distinct x.</summary>
    public static LineFit? Of(IReadOnlyList<CurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        if (finite.Length < 2)
        {
            return null;
        }
        var meanX = finite.Average(p => p.X);
        var meanY = finite.Average(p => p.Y);
        var sxx = finite.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (!(sxx > 0))
        {
            return null;
        }
        var sxy = finite.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var slope = sxy / sxx;
        var intercept = meanY - (slope * meanX);
        var standardError = double.NaN;
        if (finite.Length > 2)
        {
            var residuals = finite.Sum(p => Math.Pow(p.Y - (intercept + (slope * p.X)), 2));
            standardError = Math.Sqrt(residuals / (finite.Length - 2) / sxx);
        }
        return new LineFit(slope, intercept, standardError, finite.Length);
    }

    /// <summary>
    /// The line through (ln x, ln y): its slope is the exponent of a power law y ∝ x^slope. Points with
    /// x ≤ 0 or y ≤ 0 have no logarithm and are left out.
    /// </summary>
    public static LineFit? LogLog(IReadOnlyList<CurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return Of([.. points.Where(p => p.X > 0 && p.Y > 0).Select(p => new CurvePoint(Math.Log(p.X), Math.Log(p.Y)))]);
    }
}
