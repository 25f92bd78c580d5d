namespace Superposition.Reports.Bounds;

/// <summary>
/// One line of the bound table (docs/mathematics.md §5) for m' random pairs over m inputs: the bits
/// that pick an instance (NaN when no instance exists, m' &gt; C(m, 2)), the reference curves with
/// constant 1, and the capacity n² / max(1, log₂ n) of a network with n = √m' · log₂ m' neurons.
/// Names follow the dataset's bound columns.
/// </summary>
public sealed record BoundsRow(
    int OutputCount,
    int InputCount,
    int Sparsity,
    double InstanceBits,
    double RefNeuronsLower,
    double RefParametersLower,
    double RefNeuronsUpper,
    double RefParametersUpper,
    double CapacityAtRefNeuronsUpper)
{
    /// <summary>Whether m' distinct pairs fit among the C(m, 2) pairs of m inputs.</summary>
    public bool InstanceExists => OutputCount <= (long)InputCount * (InputCount - 1) / 2;
}
