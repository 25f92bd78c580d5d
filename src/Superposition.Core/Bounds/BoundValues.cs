namespace Superposition.Bounds;

/// <summary>
/// The instance-level bounds of docs/mathematics.md §5: bits to pick the instance and the
/// reference curves with constant 1 (log base 2).
/// </summary>
public sealed record BoundValues(
    int OutputCount,
    double InstanceBits,
    double NeuronsLower,
    double ParametersLower,
    double NeuronsUpper,
    double ParametersUpper)
{
    /// <summary>
    /// Capacity n² / max(1, log2 n): the most features n neurons can compute, up to constants. The
    /// log factor counts at least one bit, so the capacity is n² for n ≤ 2 (equal to n² / log2 n at
    /// n = 2, where the two meet), never the n of a divided-by-zero guard; 0 for n ≤ 0.
    /// </summary>
    public static double Capacity(double neurons) => neurons <= 0 ? 0.0 : neurons * neurons / Math.Max(1.0, Math.Log2(neurons));
}
