using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Inputs;

/// <summary>A size k uniform in 0..s, then a uniform k-subset of the inputs: every sparsity up to s.</summary>
public sealed class UpToInputs : InputDistribution
{
    public const string DistributionName = "up-to";

    public override string Name => DistributionName;

    public override string Description => "k uniform in 0..s, then k uniform active";

    public override string AppliesTo => "all problems";

    public override string? Inapplicable(ProblemSpec problem) => null;

    public override InputSampler SamplerFor(Problem problem)
    {
        var inputCount = problem.InputCount;
        return (rng, destination) =>
        {
            var size = rng.NextInt(destination.Length + 1);
            Sampling.DistinctInRange(rng, 0, inputCount, destination[..size]);
            return size;
        };
    }
}
