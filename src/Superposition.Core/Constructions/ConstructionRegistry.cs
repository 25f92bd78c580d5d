using System.Collections.Immutable;
using Superposition.Validation;

namespace Superposition.Constructions;

/// <summary>
/// The one place constructions are registered. The spec parser, the command line, the memory check,
/// the reports, the generated tables of docs/spec-format.md and the invariant test suite all read this
/// list, so a new construction is one folder plus one line here (docs/extending/construction.md).
/// </summary>
public static class ConstructionRegistry
{
    public static ImmutableArray<ConstructionDefinition> All { get; } =
    [
        SuperposedAnd.Definition,
        Dedicated.Definition,
        RandomAnd.Definition,
        Representation.Definition,
        SuperposedPermutation.Definition,
        SuperposedCircuit.Definition,
    ];

    public static ImmutableArray<string> Names { get; } = [.. All.Select(c => c.Name)];

    /// <summary>
    /// Definitions whose network is not built but read (the file construction): a spec may name them and
    /// a sweep runs them, but they are not in <see cref="All"/>, whose members the generators, the
    /// invariant suite and the generated tables build from parameters alone.
    /// </summary>
    public static ImmutableArray<ConstructionDefinition> Imported { get; } = [FileConstruction.Definition];

    /// <summary>Every name a spec may give: <see cref="Names"/> and the imported definitions.</summary>
    public static ImmutableArray<string> SpecNames { get; } = [.. Names, .. Imported.Select(c => c.Name)];

    public static ConstructionDefinition? Find(string name) => All.FirstOrDefault(c => c.Name == name) ?? Imported.FirstOrDefault(c => c.Name == name);

    /// <summary>The role of the construction named <paramref name="name"/>, or null when none is registered under it (rows of an older dataset).</summary>
    public static ConstructionRole? RoleOf(string name) => Find(name)?.Role;

    /// <summary>The definition named <paramref name="name"/>, or an error with the nearest valid name.</summary>
    public static (ConstructionDefinition? Definition, SpecError? Error) Lookup(string name, string path) =>
        Find(name) is { } found
            ? (found, null)
            : (null, new SpecError(path, $"unknown construction '{name}'; {NearestName.Hint(name, SpecNames)}"));
}
