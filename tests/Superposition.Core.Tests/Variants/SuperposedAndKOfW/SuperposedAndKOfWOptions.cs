namespace Superposition.Core.Tests.Variants;

/// <summary>The options of the k-of-w variant: superposed-and's, plus the k of its read-out.</summary>
public sealed record SuperposedAndKOfWOptions
{
    public Constructions.SuperposedAndOptions Layer { get; init; } = new();

    /// <summary>k: how many of an output's code neurons must be above γ.</summary>
    public int K { get; init; } = 3;
}
