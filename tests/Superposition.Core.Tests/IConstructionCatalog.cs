using System.Collections.Immutable;
using Superposition.Constructions;

namespace Superposition.Core.Tests;

/// <summary>A registry of constructions for <see cref="ConstructionInvariantSuite{TRegistry}"/>: the product's, or one a test defines.</summary>
public interface IConstructionCatalog
{
    static abstract ImmutableArray<ConstructionDefinition> All { get; }
}
