using Superposition.Inputs;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Core.Tests.Extending;

/// <summary>
/// s active inputs drawn uniformly from a window of w = min(m, 2s) consecutive inputs whose start is
/// uniform in 0..m − w: the active inputs of one sample lie close together.
/// </summary>
public sealed class ClusteredInputs : InputDistribution
{
    public const string DistributionName = "clustered";

    public override string Name => DistributionName;

    public override string Description => "s uniform inputs from a window of min(m, 2s) consecutive inputs at a uniform start";

    public override string AppliesTo => "all problems";

    // s ≤ m holds for every valid problem, so the window always has room.
    public override string? Inapplicable(ProblemSpec problem) => null;

    public override InputSampler SamplerFor(Problem problem)
    {
        // Computed once per problem; the sampler below runs once per input.
        var inputCount = problem.InputCount;
        var window = Math.Min(inputCount, 2 * problem.Sparsity);
        return (rng, destination) =>
        {
            var start = rng.NextInt(inputCount - window + 1);
            Sampling.DistinctInRange(rng, start, window, destination);
            return destination.Length;
        };
    }
}
