namespace Superposition.Reports.Bounds;

/// <summary>
/// One line of the bound table (docs/mathematics.md §5) for m' random pairs over m = m' inputs: the
/// bits that pick an instance, the reference curves with constant 1, and the capacity n² / log₂ n of a
/// network with n = √m' · log₂ m' neurons. Names follow the dataset's bound columns.
/// </summary>
public sealed record BoundsRow(
    int OutputCount,
    int Sparsity,
    double InstanceBits,
    double RefNeuronsLower,
    double RefParametersLower,
    double RefNeuronsUpper,
    double RefParametersUpper,
    double CapacityAtRefNeuronsUpper);
