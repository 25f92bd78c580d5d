using Superposition.Networks;

namespace Superposition.Constructions;

/// <summary>What a network file loader found at a path: the network and the SHA-256 of the file's bytes, or why there is none.</summary>
public sealed record ImportedNetwork(Network? Network, string ContentHash, string? Error)
{
    public static ImportedNetwork Failed(string error) => new(null, "", error);
}
