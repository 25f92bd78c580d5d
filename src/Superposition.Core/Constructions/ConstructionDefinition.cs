using System.Collections.Immutable;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;

namespace Superposition.Constructions;

/// <summary>
/// Everything the rest of the product needs to know about a construction: its name, which problems it
/// solves, its parameters with defaults, what it guarantees (the invariant suite reads this), extra
/// validation and the build function. Register it in <see cref="ConstructionRegistry.All"/>.
/// </summary>
public sealed record ConstructionDefinition
{
    public required string Name { get; init; }

    public required string Summary { get; init; }

    /// <summary>The problem kinds this construction can build a network for.</summary>
    public required ImmutableArray<ProblemKind> Solves { get; init; }

    /// <summary>True when no input with at most s active features can give a false negative, for every seed (docs/mathematics.md §7, invariant 3).</summary>
    public required bool NeverFalseNegative { get; init; }

    /// <summary>True when the network computes the outputs from the inputs (false for the representation baseline).</summary>
    public bool Computes { get; init; } = true;

    public required ImmutableArray<ParameterDefinition> Parameters { get; init; }

    /// <summary>Problems that depend on the combination of problem and parameters (for example n_0 &lt; b).</summary>
    public Func<ProblemSpec, ConstructionParameters, IEnumerable<string>> Check { get; init; } = (_, _) => [];

    public required Func<Problem, ConstructionParameters, Seed, Network> Build { get; init; }

    /// <summary>The parameters with every default filled in.</summary>
    public ConstructionParameters Defaults => Resolve(ImmutableDictionary<string, object>.Empty, "").Parameters!;

    /// <summary>
    /// Checks raw values (double or string, from a spec) against <see cref="Parameters"/> and fills in
    /// defaults. Returns every problem found, each with its path under <paramref name="path"/>.
    /// </summary>
    public (ConstructionParameters? Parameters, ImmutableArray<SpecError> Errors) Resolve(IReadOnlyDictionary<string, object> raw, string path)
    {
        string At(string field) => path.Length == 0 ? field : $"{path}.{field}";
        var errors = ImmutableArray.CreateBuilder<SpecError>();
        var names = Parameters.Select(p => p.Name).ToArray();
        foreach (var name in raw.Keys.Where(k => !names.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add(new SpecError(At(name), $"'{Name}' has no parameter '{name}'; {NearestName.Hint(name, names)}"));
        }
        var numbers = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var choices = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var parameter in Parameters)
        {
            object value = raw.TryGetValue(parameter.Name, out var given) ? given : (object?)parameter.DefaultNumber ?? parameter.DefaultChoice!;
            if (parameter.Check(value) is { } problem)
            {
                errors.Add(new SpecError(At(parameter.Name), problem));
            }
            else if (parameter.IsChoice)
            {
                choices[parameter.Name] = (string)value;
            }
            else
            {
                numbers[parameter.Name] = (double)value;
            }
        }
        return errors.Count > 0
            ? (null, errors.ToImmutable())
            : (new ConstructionParameters(numbers.ToImmutable(), choices.ToImmutable()), []);
    }

    /// <summary>Every problem with building this construction for <paramref name="problem"/> with <paramref name="parameters"/>.</summary>
    public IEnumerable<SpecError> Validate(ProblemSpec problem, ConstructionParameters parameters, string path = "")
    {
        if (!Solves.Contains(problem.Kind))
        {
            yield return new SpecError(path, $"'{Name}' does not solve {problem.ProblemName} problems; it solves {string.Join(", ", Solves.Select(k => k.ToString().ToLowerInvariant()))}");
            yield break;
        }
        foreach (var message in Check(problem, parameters))
        {
            yield return new SpecError(path, message);
        }
    }
}
