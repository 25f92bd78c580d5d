using Superposition.Reports.Analysis;
using Xunit;

namespace Superposition.Reports.Tests;

public class CrossoversTests
{
    private static CurvePoint[] Curve(Func<double, double> f, params double[] xs) => [.. xs.Select(x => new CurvePoint(x, f(x)))];

    [Fact]
    public void Find_interpolates_power_laws_exactly_between_measured_points()
    {
        // x and 100 √x cross at x = 10⁴, which is not a measured point.
        var linear = Curve(x => x, 1e2, 1e3, 1e5, 1e6);
        var root = Curve(x => 100 * Math.Sqrt(x), 1e2, 1e3, 1e5, 1e6);

        var crossing = Assert.Single(Crossovers.Find(linear, root));

        Assert.Equal(1e4, crossing, 1e-6);
    }

    [Fact]
    public void Find_is_empty_when_one_curve_stays_below()
    {
        var low = Curve(x => Math.Sqrt(x), 1e3, 1e4, 1e5);
        var high = Curve(x => x, 1e3, 1e4, 1e5);

        Assert.Empty(Crossovers.Find(low, high));
        Assert.Empty(Crossovers.Find(high, low));
    }

    [Fact]
    public void Find_reports_a_touching_point_once()
    {
        var first = Curve(x => x, 1, 10, 100);
        var second = Curve(x => x == 10 ? 10 : 2 * x, 1, 10, 100);

        Assert.Equal([10.0], Crossovers.Find(first, second).AsEnumerable());
    }

    [Fact]
    public void Find_uses_only_the_shared_x_values()
    {
        // The second curve lacks x = 1000, where the first dips below it; the shared points never cross.
        var first = new CurvePoint[] { new(100, 10), new(1000, 1), new(10_000, 10) };
        var second = new CurvePoint[] { new(100, 5), new(10_000, 5) };

        Assert.Empty(Crossovers.Find(first, second));
    }

    [Fact]
    public void Find_reports_every_crossing_ascending()
    {
        var wave = Curve(x => x is 10 or 1000 ? 2 : 0.5, 1, 10, 100, 1000);
        var flat = Curve(_ => 1, 1, 10, 100, 1000);

        var crossings = Crossovers.Find(wave, flat);

        Assert.Equal(3, crossings.Length);
        Assert.Equal(crossings.Order(), crossings.AsEnumerable());
        Assert.Equal(Math.Sqrt(10), crossings[0], 1e-9);
    }
}
