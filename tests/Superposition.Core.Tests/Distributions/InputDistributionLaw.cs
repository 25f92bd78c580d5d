using Superposition.Problems;

namespace Superposition.Core.Tests.Distributions;

/// <summary>
/// What an input distribution promises, written from its documented description (docs/spec-format.md)
/// and not from its sampler: the law of the number of active inputs, the probability that each input
/// is active, and a promise every single input keeps.
/// </summary>
/// <param name="SizeProbabilities">P(|a| = k) for k = 0..s.</param>
/// <param name="Marginals">P(i ∈ a) for every input i.</param>
/// <param name="Violation">Why one input (its active features, ascending) breaks the promise, or null.</param>
internal sealed record InputDistributionLaw(
    Func<Problem, double[]> SizeProbabilities,
    Func<Problem, double[]> Marginals,
    Func<Problem, int[], string?> Violation)
{
    /// <summary>All probability on size s.</summary>
    public static double[] ExactlyS(Problem problem)
    {
        var sizes = new double[problem.Sparsity + 1];
        sizes[problem.Sparsity] = 1;
        return sizes;
    }

    /// <summary>The same probability for every input.</summary>
    public static double[] Even(Problem problem, double probability) => [.. Enumerable.Repeat(probability, problem.InputCount)];
}
