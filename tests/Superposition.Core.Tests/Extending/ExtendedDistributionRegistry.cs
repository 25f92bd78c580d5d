using System.Collections.Immutable;
using Superposition.Inputs;

namespace Superposition.Core.Tests.Extending;

/// <summary>
/// The registered input distributions plus the worked example of docs/extending/input-distribution.md,
/// registered here only: the distribution tests run on this list, so the example is held to the same
/// shape and frequency tests as the built-in ones without becoming one.
/// </summary>
internal static class ExtendedDistributionRegistry
{
    public static ImmutableArray<InputDistribution> All { get; } = [.. InputDistributionRegistry.All, new ClusteredInputs()];
}
