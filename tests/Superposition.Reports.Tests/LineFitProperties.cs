using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Reports.Analysis;

namespace Superposition.Reports.Tests;

public class LineFitProperties
{
    /// <summary>Exponents in [-3, 3] at 0.01 steps, prefactors in [0.01, 100], 2 to 8 points spread over decades.</summary>
    public static class PowerLaws
    {
        public static Arbitrary<(double Exponent, double Prefactor, double[] Xs)> Arbitrary() =>
            (from exponent in Gen.Choose(-300, 300)
             from prefactor in Gen.Choose(1, 10_000)
             from count in Gen.Choose(2, 8)
             from offsets in Gen.Choose(0, 99).ArrayOf(count)
             let xs = offsets.Select((o, i) => Math.Pow(10, i + (o / 100.0))).ToArray()
             select (exponent / 100.0, prefactor / 100.0, xs)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(PowerLaws)])]
    public bool LogLog_slope_is_the_exponent_of_any_power_law((double Exponent, double Prefactor, double[] Xs) law)
    {
        var points = law.Xs.Select(x => new CurvePoint(x, law.Prefactor * Math.Pow(x, law.Exponent))).ToList();

        var fit = LineFit.LogLog(points);

        return fit is { } f && Math.Abs(f.Slope - law.Exponent) < 1e-9;
    }

    [Property(Arbitrary = [typeof(PowerLaws)])]
    public bool LogLog_slope_does_not_depend_on_the_prefactor((double Exponent, double Prefactor, double[] Xs) law)
    {
        var once = LineFit.LogLog([.. law.Xs.Select(x => new CurvePoint(x, Math.Pow(x, law.Exponent) * (1 + (x % 3))))]);
        var scaled = LineFit.LogLog([.. law.Xs.Select(x => new CurvePoint(x, law.Prefactor * Math.Pow(x, law.Exponent) * (1 + (x % 3))))]);

        return once is { } a && scaled is { } b && Math.Abs(a.Slope - b.Slope) < 1e-9;
    }
}
