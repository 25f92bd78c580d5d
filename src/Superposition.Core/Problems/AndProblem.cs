using System.Collections.Immutable;

namespace Superposition.Problems;

/// <summary>2-AND on a pair set: y_e = x_i ∧ x_j for every pair e = {i, j} (docs/mathematics.md §2).</summary>
public sealed record AndProblem(ProblemSpec Spec, PairSet Pairs) : Problem(Spec)
{
    /// <summary>C(s,2), in checked 64-bit arithmetic: a sparsity whose C(s,2) leaves int throws rather than wraps (validation caps s far below that).</summary>
    public override int MaxTrueOutputs => checked((int)((long)Spec.Sparsity * (Spec.Sparsity - 1) / 2));

    public override ImmutableArray<int> Degrees => Pairs.Degrees;

    public override bool SharesActiveInput(int output, ReadOnlySpan<int> activeInputs) =>
        activeInputs.BinarySearch(Pairs.First[output]) >= 0 || activeInputs.BinarySearch(Pairs.Second[output]) >= 0;

    public override int TrueOutputs(ReadOnlySpan<int> activeInputs, Span<int> destination)
    {
        var count = 0;
        for (var a = 0; a < activeInputs.Length; a++)
        {
            for (var b = a + 1; b < activeInputs.Length; b++)
            {
                var output = Pairs.OutputOf(activeInputs[a], activeInputs[b]);
                if (output >= 0)
                {
                    destination[count++] = output;
                }
            }
        }
        destination[..count].Sort();
        return count;
    }
}
