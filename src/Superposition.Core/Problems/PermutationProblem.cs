using System.Collections.Immutable;

namespace Superposition.Problems;

/// <summary>Neural permutation: y_{π(i)} = x_i (docs/mathematics.md §2).</summary>
public sealed record PermutationProblem(ProblemSpec Spec, ImmutableArray<int> Permutation) : Problem(Spec)
{
    public override int MaxTrueOutputs => Spec.Sparsity;

    public override ImmutableArray<int> Degrees { get; } = [.. Enumerable.Repeat(1, Spec.InputCount)];

    /// <summary>Output π(i) reads input i alone, so it shares an active input exactly when it is true.</summary>
    public override bool SharesActiveInput(int output, ReadOnlySpan<int> activeInputs)
    {
        foreach (var input in activeInputs)
        {
            if (Permutation[input] == output)
            {
                return true;
            }
        }
        return false;
    }

    public override int TrueOutputs(ReadOnlySpan<int> activeInputs, Span<int> destination)
    {
        for (var a = 0; a < activeInputs.Length; a++)
        {
            destination[a] = Permutation[activeInputs[a]];
        }
        destination[..activeInputs.Length].Sort();
        return activeInputs.Length;
    }
}
