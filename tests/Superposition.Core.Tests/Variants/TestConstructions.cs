using System.Collections.Immutable;
using Superposition.Constructions;

namespace Superposition.Core.Tests.Variants;

/// <summary>
/// Constructions defined by tests, checked by the whole invariant suite exactly as the product's are:
/// a construction is one folder of code plus one line here.
/// </summary>
public sealed class TestConstructions : IConstructionCatalog
{
    public static ImmutableArray<ConstructionDefinition> All { get; } =
    [
        SuperposedAndKOfW.Definition,
    ];
}
