using Superposition.Problems;

namespace Superposition.Inputs;

/// <summary>
/// A uniform pair of E is active, plus s − 2 inputs uniform among the others: at least one output is
/// true, which a uniform input rarely gives when E is sparse.
/// </summary>
public sealed class WithTruePairInputs : InputDistribution
{
    public const string DistributionName = "with-true-pair";

    public override string Name => DistributionName;

    public override string Description => "a uniform pair of E, plus s − 2 uniform others";

    public override string AppliesTo => "2-AND with s ≥ 2";

    public override string? Inapplicable(ProblemSpec problem) =>
        problem.Kind != ProblemKind.And ? $"'{DistributionName}' applies to 'and' problems only"
        : problem.Sparsity < 2 ? $"'{DistributionName}' needs sparsity s ≥ 2, got {problem.Sparsity}"
        : null;

    public override InputSampler SamplerFor(Problem problem)
    {
        var pairs = problem is AndProblem and ? and.Pairs : throw new ArgumentException($"'{DistributionName}' needs a 2-AND problem", nameof(problem));
        var inputCount = problem.InputCount;
        return (rng, destination) =>
        {
            var e = rng.NextInt(pairs.Count);
            destination[0] = pairs.First[e];
            destination[1] = pairs.Second[e];
            return 2 + FillUniform(rng, inputCount, destination, 2);
        };
    }
}
