using MathNet.Numerics;

namespace Superposition.Bounds;

/// <summary>Base-2 logarithms of large combinatorial counts, through log-gamma (never factorials).</summary>
public static class Log2
{
    /// <summary>log2 C(n, k) for real n ≥ k ≥ 0.</summary>
    public static double Choose(double n, double k) =>
        k <= 0 || k >= n ? 0.0 : (SpecialFunctions.GammaLn(n + 1) - SpecialFunctions.GammaLn(k + 1) - SpecialFunctions.GammaLn(n - k + 1)) / Math.Log(2);

    /// <summary>log2 n!.</summary>
    public static double Factorial(double n) => n <= 1 ? 0.0 : SpecialFunctions.GammaLn(n + 1) / Math.Log(2);

    /// <summary>log2 x, with 0 for x ≤ 1 so reference curves stay finite at m' = 1.</summary>
    public static double Of(double x) => x <= 1 ? 0.0 : Math.Log2(x);
}
