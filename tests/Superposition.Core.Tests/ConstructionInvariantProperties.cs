using System.Collections.Immutable;
using Superposition.Constructions;

namespace Superposition.Core.Tests;

/// <summary>The invariant suite on every construction of the product's <see cref="ConstructionRegistry.All"/>.</summary>
public sealed class ConstructionInvariantProperties : ConstructionInvariantSuite<ConstructionInvariantProperties.ProductRegistry>
{
    /// <summary>The product's registry as a catalog.</summary>
    public sealed class ProductRegistry : IConstructionCatalog
    {
        public static ImmutableArray<ConstructionDefinition> All => ConstructionRegistry.All;
    }
}
