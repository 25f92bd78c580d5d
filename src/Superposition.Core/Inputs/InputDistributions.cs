using System.Collections.Immutable;
using Superposition.Problems;
using Superposition.Validation;

namespace Superposition.Inputs;

/// <summary>Names and applicability of the evaluation input distributions (docs/mathematics.md §2).</summary>
public static class InputDistributions
{
    /// <summary>Exactly s active inputs, uniform.</summary>
    public const string Uniform = "uniform";

    /// <summary>k uniform in 0..s, then k uniform active inputs.</summary>
    public const string UpTo = "up-to";

    /// <summary>A uniform pair of E is active, plus s − 2 uniform others.</summary>
    public const string WithTruePair = "with-true-pair";

    /// <summary>⌈s/2⌉ inputs drawn from the 2s highest-degree inputs, the rest uniform: the adversarial case.</summary>
    public const string Hubs = "hubs";

    public static ImmutableArray<string> Names { get; } = [Uniform, UpTo, WithTruePair, Hubs];

    /// <summary>The problem, if any, with using <paramref name="distribution"/> on <paramref name="problem"/>.</summary>
    public static SpecError? Check(string distribution, ProblemSpec problem, string path) => distribution switch
    {
        Uniform or UpTo => null,
        WithTruePair when problem.Kind != ProblemKind.And => new SpecError(path, "'with-true-pair' applies to 'and' problems only"),
        WithTruePair when problem.Sparsity < 2 => new SpecError(path, $"'with-true-pair' needs sparsity s ≥ 2, got {problem.Sparsity}"),
        WithTruePair => null,
        Hubs when problem.Kind != ProblemKind.And => new SpecError(path, "'hubs' applies to 'and' problems only"),
        Hubs => null,
        _ => new SpecError(path, $"unknown input distribution '{distribution}'; {NearestName.Hint(distribution, Names)}"),
    };
}
