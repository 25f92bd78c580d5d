using System.Collections.Immutable;

namespace Superposition.Problems;

/// <summary>
/// A concrete problem instance. A sum type: <see cref="AndProblem"/>, <see cref="PermutationProblem"/> or <see cref="CircuitProblem"/>.
/// </summary>
public abstract record Problem(ProblemSpec Spec)
{
    public int InputCount => Spec.InputCount;

    public int OutputCount => Spec.OutputCount;

    public int Sparsity => Spec.Sparsity;

    /// <summary>
    /// Writes the true outputs of an input (its active features) into <paramref name="destination"/>,
    /// sorted ascending, and returns how many there are. <paramref name="destination"/> must hold
    /// <see cref="MaxTrueOutputs"/> values.
    /// </summary>
    public abstract int TrueOutputs(ReadOnlySpan<int> activeInputs, Span<int> destination);

    /// <summary>
    /// Whether <paramref name="output"/> reads one of <paramref name="activeInputs"/> (ascending): for
    /// 2-AND, one of its pair's inputs is active. A false positive that reads an active input is fed by
    /// its own pair's signal; one that does not is pure interference between codes.
    /// </summary>
    public abstract bool SharesActiveInput(int output, ReadOnlySpan<int> activeInputs);

    /// <summary>The most outputs that can be true for an input with at most s active features.</summary>
    public abstract int MaxTrueOutputs { get; }

    /// <summary>Influence of each input: how many outputs read it.</summary>
    public abstract ImmutableArray<int> Degrees { get; }
}
