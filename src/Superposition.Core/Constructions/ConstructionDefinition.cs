using System.Collections.Immutable;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;

namespace Superposition.Constructions;

/// <summary>
/// Everything the rest of the product needs to know about a construction (the spec parser, sweeps,
/// the pipeline, the memory check, the reports and the invariant suite): its name, role, the problems it
/// solves, what it guarantees, its parameter schema, and how to resolve, check, build and size a request.
/// Implemented by <see cref="ConstructionDefinition{TProblem, TOptions}"/>; register it in
/// <see cref="ConstructionRegistry.All"/> (docs/extending/construction.md).
/// </summary>
public abstract record ConstructionDefinition
{
    private protected ConstructionDefinition()
    {
    }

    public required string Name { get; init; }

    public required string Summary { get; init; }

    /// <summary>What the reports use this construction for.</summary>
    public required ConstructionRole Role { get; init; }

    /// <summary>The problem kinds this construction can build a network for.</summary>
    public required ImmutableArray<ProblemKind> Solves { get; init; }

    /// <summary>True when no input with at most s active features can give a false negative, for every seed (docs/mathematics.md §7, invariant 3).</summary>
    public required bool NeverFalseNegative { get; init; }

    /// <summary>
    /// When <see cref="NeverFalseNegative"/> holds only for some parameter values: which ones (for example
    /// a stack that re-thresholds between its stages), with <see cref="NeverFalseNegativeCondition"/> saying so in words.
    /// </summary>
    public Func<ConstructionParameters, bool>? NeverFalseNegativeWhen { get; init; }

    /// <summary>The condition of <see cref="NeverFalseNegativeWhen"/> as a phrase ("with rethreshold on"), for the documentation.</summary>
    public string? NeverFalseNegativeCondition { get; init; }

    /// <summary>Whether the no-false-negative guarantee holds for a network built with canonical values <paramref name="values"/>.</summary>
    public bool NeverFalseNegativeWith(ConstructionParameters values) =>
        NeverFalseNegative && (NeverFalseNegativeWhen is not { } when || when(values));

    /// <summary>The parameter schema, in documentation order.</summary>
    public abstract ImmutableArray<ParameterDefinition> Parameters { get; }

    /// <summary>The request with every default.</summary>
    public ConstructionRequest Defaults => Resolve(ImmutableDictionary<string, object>.Empty, "").Request!;

    /// <summary>
    /// Checks raw values (double or string, from a spec) against <see cref="Parameters"/> and fills in
    /// defaults. Returns the typed request, or every problem found, each at its path under <paramref name="path"/>.
    /// </summary>
    public abstract (ConstructionRequest? Request, ImmutableArray<SpecError> Errors) Resolve(IReadOnlyDictionary<string, object> raw, string path);

    /// <summary>The request for canonical values (as a request's <see cref="ConstructionRequest.Values"/> holds them); throws when they are invalid.</summary>
    public ConstructionRequest Resolve(ConstructionParameters values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var raw = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, number) in values.Numbers)
        {
            raw[name] = number;
        }
        foreach (var (name, choice) in values.Choices)
        {
            raw[name] = choice;
        }
        var (request, errors) = Resolve(raw, "");
        return request ?? throw new InvalidSpecException(errors);
    }

    /// <summary>
    /// Every problem with building this construction for <paramref name="problem"/> with
    /// <paramref name="request"/>: a problem kind it does not solve (at <paramref name="path"/>, the
    /// construction), else each failed check at the parameter it names (<paramref name="parametersPath"/>.name).
    /// </summary>
    public IEnumerable<SpecError> Validate(ProblemSpec problem, ConstructionRequest request, string path = "construction", string parametersPath = "construction_params")
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(request);
        if (!Solves.Contains(problem.Kind))
        {
            yield return new SpecError(path, $"'{Name}' does not solve {problem.ProblemName} problems; it solves {string.Join(", ", Solves.Select(k => k.ToString().ToLowerInvariant()))}");
            yield break;
        }
        foreach (var error in Check(problem, request))
        {
            yield return new SpecError(parametersPath.Length == 0 ? error.Parameter : $"{parametersPath}.{error.Parameter}", error.Message);
        }
    }

    /// <summary>Problems that depend on the combination of problem and parameters (for example n_0 &lt; b), each naming its parameter.</summary>
    public abstract IEnumerable<ParameterError> Check(ProblemSpec problem, ConstructionRequest request);

    /// <summary>Builds the network; the request must have passed <see cref="Validate"/> for the problem's spec.</summary>
    public abstract Network Build(Problem problem, ConstructionRequest request, Seed seed);

    /// <summary>The sizes the build will draw, without building (for the memory estimate).</summary>
    public abstract ConstructionSizes EstimateSizes(ProblemSpec problem, ConstructionRequest request);
}
