using System.Collections.Immutable;
using Superposition.Networks;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// A network read from a file of either format, with what the file says about it.
/// </summary>
/// <param name="Network">The network, in the one representation every evaluator takes.</param>
/// <param name="Format">The file's <c>format</c>: <see cref="NetworkExport.FormatName"/> or <see cref="LayeredNetworkFile.FormatName"/>.</param>
/// <param name="Claims">What the file claims its network guarantees (<see cref="LayeredNetworkFile.NoFalseNegatives"/>): the <c>claims</c> metadata, or for an exported network without it, what its construction guarantees.</param>
/// <param name="Metadata">The file's metadata, as read.</param>
public sealed record NetworkFile(Network Network, string Format, ImmutableArray<string> Claims, ImmutableSortedDictionary<string, string> Metadata)
{
    public bool ClaimsNoFalseNegatives => Claims.Contains(LayeredNetworkFile.NoFalseNegatives);
}
