using System.Collections.Immutable;

namespace Superposition.Constructions;

/// <summary>The effective value of every parameter of a construction (defaults filled in), sorted by name.</summary>
public sealed record ConstructionParameters(ImmutableSortedDictionary<string, double> Numbers, ImmutableSortedDictionary<string, string> Choices)
{
    public static ConstructionParameters Empty { get; } = new(ImmutableSortedDictionary<string, double>.Empty, ImmutableSortedDictionary<string, string>.Empty);

    public double Number(string name) => Numbers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"no numeric parameter '{name}'");

    public int Integer(string name) => checked((int)Number(name));

    public string Choice(string name) => Choices.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"no choice parameter '{name}'");

    /// <summary>
    /// Compact JSON object with every parameter, keys sorted: the dataset's construction_params. The same
    /// text case ids and seeds hash (<see cref="Sweeps.CanonicalJson.Parameters"/>): one serialiser.
    /// </summary>
    public string ToJson() => Sweeps.CanonicalJson.Parameters(this);

    public bool Equals(ConstructionParameters? other) =>
        other is not null && Numbers.SequenceEqual(other.Numbers) && Choices.SequenceEqual(other.Choices);

    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);
}
