using Superposition.Core.Tests.Distributions;
using Superposition.Problems;

namespace Superposition.Core.Tests.Extending;

/// <summary>
/// The law of <see cref="ClusteredInputs"/>, from its description: exactly s active inputs; input i is
/// active when the window covers it (each of the m − w + 1 starts equally likely) and it is among the s
/// of the window's w; all active inputs lie within w consecutive inputs.
/// </summary>
internal static class ClusteredInputsLaw
{
    public static InputDistributionLaw Law { get; } = new(InputDistributionLaw.ExactlyS, Marginals, Violation);

    private static int Window(Problem problem) => Math.Min(problem.InputCount, 2 * problem.Sparsity);

    private static double[] Marginals(Problem problem)
    {
        var (m, w, s) = (problem.InputCount, Window(problem), problem.Sparsity);
        var starts = m - w + 1;
        return [.. Enumerable.Range(0, m).Select(i =>
        {
            var covering = Math.Min(i, m - w) - Math.Max(0, i - w + 1) + 1;
            return (double)covering / starts * s / w;
        })];
    }

    private static string? Violation(Problem problem, int[] active) =>
        active.Length != problem.Sparsity ? $"{active.Length} active inputs, not s = {problem.Sparsity}"
        : active.Length > 0 && active[^1] - active[0] >= Window(problem) ? $"active inputs {active[0]}..{active[^1]} span more than a window of {Window(problem)}"
        : null;
}
