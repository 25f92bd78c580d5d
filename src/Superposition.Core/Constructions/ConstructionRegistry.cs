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

    /// <summary>
    /// Definitions an edge project adds (the trained construction, whose code Core does not reference):
    /// the composition root installs them with <see cref="Install"/>. A spec may name them and a sweep runs
    /// them; the edge project's tests run the invariant suite on them at their own sizes.
    /// </summary>
    public static ImmutableArray<ConstructionDefinition> Extensions => _extensions;

    private static ImmutableArray<ConstructionDefinition> _extensions = [];

    /// <summary>Adds <paramref name="definitions"/> to <see cref="Extensions"/>; installing one twice is harmless, a second definition under a taken name is refused.</summary>
    public static void Install(params ReadOnlySpan<ConstructionDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            ArgumentNullException.ThrowIfNull(definition);
            ImmutableArray<ConstructionDefinition> before, after;
            do
            {
                before = _extensions;
                if (Find(definition.Name) is { } taken)
                {
                    if (ReferenceEquals(taken, definition))
                    {
                        break;
                    }
                    throw new ArgumentException($"a construction named '{definition.Name}' is registered already", nameof(definitions));
                }
                after = before.Add(definition);
            }
            while (ImmutableInterlocked.InterlockedCompareExchange(ref _extensions, after, before) != before);
        }
    }

    /// <summary>Every name a spec may give: <see cref="Names"/>, the imported definitions and the installed extensions.</summary>
    public static ImmutableArray<string> SpecNames => [.. Names, .. Imported.Select(c => c.Name), .. Extensions.Select(c => c.Name)];

    public static ConstructionDefinition? Find(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? Imported.FirstOrDefault(c => c.Name == name) ?? Extensions.FirstOrDefault(c => c.Name == name);

    /// <summary>The role of the construction named <paramref name="name"/>, or null when none is registered under it (rows of an older dataset).</summary>
    public static ConstructionRole? RoleOf(string name) => Find(name)?.Role;

    /// <summary>The definition named <paramref name="name"/>, or an error with the nearest valid name.</summary>
    public static (ConstructionDefinition? Definition, SpecError? Error) Lookup(string name, string path) =>
        Find(name) is { } found
            ? (found, null)
            : (null, new SpecError(path, $"unknown construction '{name}'; {NearestName.Hint(name, SpecNames)}"));
}
