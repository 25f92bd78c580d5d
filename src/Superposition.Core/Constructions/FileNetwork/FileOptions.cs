using Superposition.Networks;

namespace Superposition.Constructions;

/// <summary>The file construction's options: the path as the spec gives it, and the network read from it.</summary>
public sealed record FileOptions
{
    public string Path { get; init; } = "";

    public Network? Network { get; init; }

    public string ContentHash { get; init; } = "";
}
