using System.Collections.Immutable;
using Superposition.Problems;
using Superposition.Validation;

namespace Superposition.Inputs;

/// <summary>
/// Input distributions by name, as specs and datasets write them: the names of the built-in ones, and
/// the checks of any registered one (<see cref="InputDistributionRegistry"/>).
/// </summary>
public static class InputDistributions
{
    public const string Uniform = UniformInputs.DistributionName;

    public const string UpTo = UpToInputs.DistributionName;

    public const string WithTruePair = WithTruePairInputs.DistributionName;

    public const string Hubs = HubInputs.DistributionName;

    public const string WithTrueGate = WithTrueGateInputs.DistributionName;

    /// <summary>Every registered name, in registry order.</summary>
    public static ImmutableArray<string> Names => InputDistributionRegistry.Names;

    /// <summary>The problem, if any, with using <paramref name="distribution"/> on <paramref name="problem"/>.</summary>
    public static SpecError? Check(string distribution, ProblemSpec problem, string path) =>
        InputDistributionRegistry.Find(distribution) is not { } found
            ? new SpecError(path, $"unknown input distribution '{distribution}'; {NearestName.Hint(distribution, Names)}")
            : found.Inapplicable(problem) is { } reason ? new SpecError(path, reason) : null;
}
