using System.Collections.Immutable;

namespace Superposition.Inputs;

/// <summary>
/// Every input distribution, one line each. The spec parser's choices, the table in
/// docs/spec-format.md and the distribution tests all come from this list.
/// </summary>
public static class InputDistributionRegistry
{
    public static ImmutableArray<InputDistribution> All { get; } =
    [
        new UniformInputs(),
        new UpToInputs(),
        new WithTruePairInputs(),
        new HubInputs(),
        new WithTrueGateInputs(),
    ];

    public static ImmutableArray<string> Names { get; } = [.. All.Select(d => d.Name)];

    /// <summary>The distribution called <paramref name="name"/>, or null.</summary>
    public static InputDistribution? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
