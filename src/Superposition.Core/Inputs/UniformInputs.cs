using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Inputs;

/// <summary>Exactly s active inputs, a uniform s-subset of the m inputs.</summary>
public sealed class UniformInputs : InputDistribution
{
    public const string DistributionName = "uniform";

    public override string Name => DistributionName;

    public override string Description => "exactly s active, uniform";

    public override string AppliesTo => "all problems";

    public override string? Inapplicable(ProblemSpec problem) => null;

    public override InputSampler SamplerFor(Problem problem)
    {
        var inputCount = problem.InputCount;
        return (rng, destination) =>
        {
            Sampling.DistinctInRange(rng, 0, inputCount, destination);
            return destination.Length;
        };
    }
}
