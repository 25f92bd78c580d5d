using Superposition.Reports.Analysis;
using Xunit;

namespace Superposition.Reports.Tests;

public class LineFitTests
{
    [Fact]
    public void LogLog_recovers_the_exponent_of_a_power_law()
    {
        CurvePoint[] points = [.. new[] { 1e3, 1e4, 1e5, 1e6 }.Select(x => new CurvePoint(x, 7 * Math.Pow(x, 0.5)))];

        var fit = LineFit.LogLog(points)!.Value;

        Assert.Equal(0.5, fit.Slope, 12);
        Assert.Equal(Math.Log(7), fit.Intercept, 10);
        Assert.Equal(0, fit.SlopeStandardError, 10);
        Assert.Equal(4, fit.Points);
    }

    [Fact]
    public void Of_matches_the_textbook_standard_error_on_noisy_points()
    {
        // y = 1 + 2x with residuals +1, -1, -1, +1: slope 2, Σr² = 4, Sxx = 5, SE = √(4 / 2 / 5).
        CurvePoint[] points = [new(0, 2), new(1, 2), new(2, 4), new(3, 8)];

        var fit = LineFit.Of(points)!.Value;

        Assert.Equal(2, fit.Slope, 12);
        Assert.Equal(1, fit.Intercept, 12);
        Assert.Equal(Math.Sqrt(4.0 / 2 / 5), fit.SlopeStandardError, 12);
    }

    [Fact]
    public void Of_has_no_standard_error_with_two_points()
    {
        var fit = LineFit.Of([new(1, 1), new(2, 3)])!.Value;

        Assert.Equal(2, fit.Slope, 12);
        Assert.True(double.IsNaN(fit.SlopeStandardError));
    }

    [Fact]
    public void Of_is_null_without_two_distinct_x()
    {
        Assert.Null(LineFit.Of([new(1, 1)]));
        Assert.Null(LineFit.Of([new(1, 1), new(1, 2)]));
        Assert.Null(LineFit.LogLog([new(0, 1), new(-1, 2), new(5, 0)]));
    }

    [Fact]
    public void LogLog_leaves_out_points_without_a_logarithm()
    {
        var fit = LineFit.LogLog([new(0, 5), new(10, 100), new(100, 10_000), new(1000, 1_000_000), new(50, double.PositiveInfinity)])!.Value;

        Assert.Equal(2, fit.Slope, 12);
        Assert.Equal(3, fit.Points);
    }
}
