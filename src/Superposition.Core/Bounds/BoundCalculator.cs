using Superposition.Problems;

namespace Superposition.Bounds;

/// <summary>Computes <see cref="BoundValues"/> for a problem spec (docs/mathematics.md §5).</summary>
public static class BoundCalculator
{
    public static BoundValues For(ProblemSpec problem)
    {
        double outputs = problem.OutputCount;
        var log = Log2.Of(outputs);
        return new BoundValues(
            problem.OutputCount,
            InstanceBits(problem),
            Math.Sqrt(outputs * log),
            outputs * log,
            Math.Sqrt(outputs) * log,
            outputs * log * log);
    }

    /// <summary>
    /// log2 of the number of instances the spec's family can produce: C(C(m,2), m') for arbitrary pair
    /// sets, 1 instance (0 bits) for the complete graph, the number of m'-edge matchings for "matching",
    /// m'! for a permutation.
    /// </summary>
    public static double InstanceBits(ProblemSpec problem) => (problem.Kind, problem.Graph) switch
    {
        (ProblemKind.Permutation, _) => Log2.Factorial(problem.OutputCount),
        (ProblemKind.And, "complete") => 0.0,
        (ProblemKind.And, "matching") => Log2.Choose(problem.InputCount, 2.0 * problem.OutputCount)
            + Log2.Factorial(2.0 * problem.OutputCount) - problem.OutputCount - Log2.Factorial(problem.OutputCount),
        _ => Log2.Choose(problem.PossiblePairs, problem.OutputCount),
    };

    /// <summary>The bound table for a list of m' (section 5 at s fixed, random pairs on m = m' inputs).</summary>
    public static IReadOnlyList<BoundValues> Table(IEnumerable<int> outputCounts, int sparsity = 3) =>
        [.. outputCounts.Select(count => For(new ProblemSpec(ProblemKind.And, "random", Math.Max(count, 2), count, sparsity)))];
}
