using System.Runtime.CompilerServices;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Inputs;

/// <summary>
/// The adversarial case: ⌈s/2⌉ active inputs drawn uniformly from the 2s inputs of highest degree (ties
/// to the lower index), the rest uniform among the others, so heavy inputs meet in one input.
/// </summary>
public sealed class HubInputs : InputDistribution
{
    public const string DistributionName = "hubs";

    /// <summary>The 2s highest-degree inputs of each problem, found once (an O(m log m) sort) and shared by all batches.</summary>
    private static readonly ConditionalWeakTable<Problem, int[]> Candidates = [];

    public override string Name => DistributionName;

    public override string Description => "⌈s/2⌉ inputs from the 2s highest-degree inputs (ties to the lower index), the rest uniform (adversarial)";

    public override string AppliesTo => "2-AND";

    public override string? Inapplicable(ProblemSpec problem) =>
        problem.Kind != ProblemKind.And ? $"'{DistributionName}' applies to 'and' problems only" : null;

    public override InputSampler SamplerFor(Problem problem)
    {
        var hubs = Candidates.GetValue(problem, p => TopByDegree(p, Math.Min(p.InputCount, 2 * p.Sparsity)));
        var inputCount = problem.InputCount;
        var fromHubs = Math.Min((problem.Sparsity + 1) / 2, hubs.Length);
        // One buffer per sampler: a batch draws its inputs one after another.
        var picks = new int[fromHubs];
        return (rng, destination) =>
        {
            Sampling.DistinctInRange(rng, 0, hubs.Length, picks);
            for (var h = 0; h < fromHubs; h++)
            {
                destination[h] = hubs[picks[h]];
            }
            return fromHubs + FillUniform(rng, inputCount, destination, fromHubs);
        };
    }

    /// <summary>The <paramref name="count"/> inputs of highest degree, ties broken by lower index.</summary>
    private static int[] TopByDegree(Problem problem, int count)
    {
        var degrees = problem.Degrees;
        return [.. Enumerable.Range(0, problem.InputCount).OrderByDescending(i => degrees[i]).ThenBy(i => i).Take(count)];
    }
}
