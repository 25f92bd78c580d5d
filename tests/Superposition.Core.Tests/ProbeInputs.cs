using Superposition.Problems;

namespace Superposition.Core.Tests;

/// <summary>Inputs to probe a problem with.</summary>
internal static class ProbeInputs
{
    /// <summary>Every input with at most s active features, ascending, when there are at most <paramref name="limit"/> of them; else none.</summary>
    public static IReadOnlyList<int[]> Exhaustive(Problem problem, int limit)
    {
        var m = problem.InputCount;
        long total = 0;
        long choose = 1;
        for (var k = 0; k <= problem.Sparsity; k++)
        {
            total += choose;
            choose = choose * (m - k) / (k + 1);
        }
        if (total > limit)
        {
            return [];
        }
        var inputs = new List<int[]>();
        var current = new List<int>();
        Extend(0);
        return inputs;

        void Extend(int from)
        {
            inputs.Add([.. current]);
            if (current.Count == problem.Sparsity)
            {
                return;
            }
            for (var i = from; i < m; i++)
            {
                current.Add(i);
                Extend(i + 1);
                current.RemoveAt(current.Count - 1);
            }
        }
    }
}
