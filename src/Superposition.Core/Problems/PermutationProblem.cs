using System.Collections.Immutable;

namespace Superposition.Problems;

/// <summary>Neural permutation: y_{π(i)} = x_i (docs/mathematics.md §2).</summary>
public sealed record PermutationProblem(ProblemSpec Spec, ImmutableArray<int> Permutation) : Problem(Spec)
{
    public override int MaxTrueOutputs => Spec.Sparsity;

    public override ImmutableArray<int> Degrees { get; } = [.. Enumerable.Repeat(1, Spec.InputCount)];

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
