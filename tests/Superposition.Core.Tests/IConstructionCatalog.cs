using System.Collections.Immutable;
using Superposition.Constructions;

namespace Superposition.Core.Tests;

/// <summary>A registry of constructions for <see cref="ConstructionInvariantSuite{TRegistry}"/>: the product's, or one a test defines.</summary>
public interface IConstructionCatalog
{
    static abstract ImmutableArray<ConstructionDefinition> All { get; }

    /// <summary>
    /// Invariants that do not hold for a construction of the catalog, keyed by (construction, invariant
    /// method name), each with the reason: such a pair gets no row in that invariant's theory, and a row of
    /// <see cref="ConstructionInvariantSuite{TRegistry}.Exclusions_name_an_invariant_of_the_suite_and_a_reason"/> instead.
    /// </summary>
    static virtual ImmutableDictionary<(string Construction, string Invariant), string> Exclusions => ImmutableDictionary<(string Construction, string Invariant), string>.Empty;
}
