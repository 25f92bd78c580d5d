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
    /// <summary>Capacity n² / log2 n: the most features n neurons can compute, up to constants.</summary>
    public static double Capacity(double neurons) => neurons <= 2 ? neurons : neurons * neurons / Math.Log2(neurons);
}
