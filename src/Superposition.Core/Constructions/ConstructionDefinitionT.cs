using System.Collections.Immutable;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;

namespace Superposition.Constructions;

/// <summary>
/// A construction for problems of type <typeparamref name="TProblem"/> with options record
/// <typeparamref name="TOptions"/>: its functions see the typed problem and options only; the
/// conversion from the untyped surface happens here, once.
/// </summary>
public sealed record ConstructionDefinition<TProblem, TOptions> : ConstructionDefinition
    where TProblem : Problem
    where TOptions : new()
{
    private readonly ImmutableArray<Parameter<TOptions>> _schema;

    /// <summary>The parameters with typed access, in documentation order.</summary>
    public required ImmutableArray<Parameter<TOptions>> Schema
    {
        get => _schema;
        init
        {
            var duplicate = value.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
            _schema = duplicate is null ? value : throw new ArgumentException($"parameter '{duplicate.Key}' appears twice", nameof(value));
        }
    }

    /// <summary>Problems that depend on problem and options, each naming the parameter it is about.</summary>
    public Func<ProblemSpec, TOptions, IEnumerable<ParameterError>> CheckOptions { get; init; } = (_, _) => [];

    /// <summary>Draws the parts of a one-layer (factored) network from the seed; set this or <see cref="BuildNetwork"/>.</summary>
    public Func<TProblem, TOptions, Seed, NetworkParts>? BuildParts { get; init; }

    /// <summary>
    /// Draws a whole network (several layers) from the seed, with the canonical parameter values it
    /// records; for constructions that are not one factored layer. Set this or <see cref="BuildParts"/>.
    /// </summary>
    public Func<TProblem, TOptions, ConstructionParameters, Seed, Network>? BuildNetwork { get; init; }

    /// <summary>The sizes the build will draw (docs/spec-format.md, "Memory estimate").</summary>
    public required Func<ProblemSpec, TOptions, ConstructionSizes> Sizes { get; init; }

    public override ImmutableArray<ParameterDefinition> Parameters => [.. _schema.Select(p => p.Definition)];

    public override (ConstructionRequest? Request, ImmutableArray<SpecError> Errors) Resolve(IReadOnlyDictionary<string, object> raw, string path)
    {
        ArgumentNullException.ThrowIfNull(raw);
        string At(string field) => path.Length == 0 ? field : $"{path}.{field}";
        var errors = ImmutableArray.CreateBuilder<SpecError>();
        var names = _schema.Select(p => p.Name).ToArray();
        // params.path belongs to the file construction: a sweep that runs a file beside built
        // constructions sets it for all of them, and the others leave it out of their canonical values.
        foreach (var name in raw.Keys.Where(k => !names.Contains(k) && k != FileConstruction.PathParameter).Order(StringComparer.Ordinal))
        {
            errors.Add(new SpecError(At(name), $"'{Name}' has no parameter '{name}'; {NearestName.Hint(name, names)}"));
        }
        var options = new TOptions();
        var numbers = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var choices = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var parameter in _schema)
        {
            var definition = parameter.Definition;
            var value = raw.TryGetValue(parameter.Name, out var given) ? given : definition.DefaultValue;
            if (definition.Check(value) is { } problem)
            {
                errors.Add(new SpecError(At(parameter.Name), problem));
                continue;
            }
            options = parameter.Write(options, value);
            if (definition.OmittedAtDefault && definition.IsDefault(value))
            {
                continue;
            }
            if (definition.IsString)
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
            : (new ConstructionRequest<TOptions>(this, new ConstructionParameters(numbers.ToImmutable(), choices.ToImmutable()), options), []);
    }

    public override IEnumerable<ParameterError> Check(ProblemSpec problem, ConstructionRequest request) => CheckOptions(problem, Options(request));

    public override Network Build(Problem problem, ConstructionRequest request, Seed seed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var typed = problem as TProblem ?? throw new ArgumentException($"'{Name}' builds for {typeof(TProblem).Name}, not {problem.GetType().Name}", nameof(problem));
        ArgumentNullException.ThrowIfNull(request);
        if (BuildNetwork is { } whole)
        {
            return whole(typed, Options(request), request.Values, seed);
        }
        var parts = BuildParts ?? throw new InvalidOperationException($"'{Name}' sets neither BuildParts nor BuildNetwork");
        return Network.Create(Name, request.Values, problem, seed, parts(typed, Options(request), seed));
    }

    public override ConstructionSizes EstimateSizes(ProblemSpec problem, ConstructionRequest request) => Sizes(problem, Options(request));

    private TOptions Options(ConstructionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ReferenceEquals(request.Definition, this)
            ? request.OptionsAs<TOptions>()
            : throw new ArgumentException($"the request is for '{request.Definition.Name}', not '{Name}'", nameof(request));
    }
}
