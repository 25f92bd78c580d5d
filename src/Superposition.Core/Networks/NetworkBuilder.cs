using Superposition.Constructions;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Sweeps;
using Superposition.Validation;

namespace Superposition.Networks;

/// <summary>
/// The checked entry point from a problem spec and a construction request to a network: every problem
/// with the request is reported at once, then the problem instance and the network are drawn from
/// their own seeds. The problem seed is separate so that several constructions of one case share the
/// same instance.
/// </summary>
public static class NetworkBuilder
{
    /// <summary>Every problem with the request; empty when Build will succeed on validation grounds.</summary>
    public static IReadOnlyList<SpecError> Validate(ProblemSpec problem, string construction, IReadOnlyDictionary<string, object> parameters, string path = "")
    {
        var at = path.Length == 0 ? "construction" : $"{path}.construction";
        var (definition, unknown) = ConstructionRegistry.Lookup(construction, at);
        if (definition is null)
        {
            return [.. ProblemGeneration.Validate(problem, path), unknown!];
        }
        return Validate(problem, definition, parameters, path);
    }

    /// <summary>Every problem with building <paramref name="definition"/> (registered or not) from raw parameter values.</summary>
    public static IReadOnlyList<SpecError> Validate(ProblemSpec problem, ConstructionDefinition definition, IReadOnlyDictionary<string, object> parameters, string path = "")
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<SpecError>(ProblemGeneration.Validate(problem, path));
        var parametersPath = path.Length == 0 ? "construction_params" : $"{path}.construction_params";
        var (request, parameterErrors) = definition.Resolve(parameters, parametersPath);
        errors.AddRange(parameterErrors);
        if (request is not null && errors.Count == 0)
        {
            errors.AddRange(definition.Validate(problem, request, path.Length == 0 ? "construction" : $"{path}.construction", parametersPath));
        }
        return errors;
    }

    /// <summary>
    /// Builds a run's network: the problem instance from its problem seed, then the construction from its
    /// resolved request. Nothing is checked again: a run comes from a parsed spec, whose checks it passed.
    /// </summary>
    public static Network Build(RunCase run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Construction.Definition.Build(ProblemGeneration.Generate(run.Problem, run.ProblemSeed), run.Construction, run.ConstructionSeed);
    }

    /// <summary>Builds the network, or throws <see cref="InvalidSpecException"/> listing every problem.</summary>
    public static Network Build(ProblemSpec problem, string construction, IReadOnlyDictionary<string, object> parameters, Seed problemSeed, Seed constructionSeed)
    {
        InvalidSpecException.ThrowIfAny(Validate(problem, construction, parameters));
        return Build(problem, ConstructionRegistry.Find(construction)!, parameters, problemSeed, constructionSeed);
    }

    /// <summary>Builds <paramref name="definition"/> (registered or not) from raw parameter values, or throws listing every problem.</summary>
    public static Network Build(ProblemSpec problem, ConstructionDefinition definition, IReadOnlyDictionary<string, object> parameters, Seed problemSeed, Seed constructionSeed)
    {
        ArgumentNullException.ThrowIfNull(definition);
        InvalidSpecException.ThrowIfAny(Validate(problem, definition, parameters));
        var request = definition.Resolve(parameters, "").Request!;
        return definition.Build(ProblemGeneration.Generate(problem, problemSeed), request, constructionSeed);
    }

    /// <summary>Builds a network for an existing problem instance (for tests and comparisons on one instance).</summary>
    public static Network Build(Problem problem, ConstructionRequest request, Seed constructionSeed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(request);
        InvalidSpecException.ThrowIfAny([.. request.Definition.Validate(problem.Spec, request)]);
        return request.Definition.Build(problem, request, constructionSeed);
    }

    /// <summary>Builds a network for an existing problem instance from canonical parameter values.</summary>
    public static Network Build(Problem problem, ConstructionDefinition definition, ConstructionParameters parameters, Seed constructionSeed)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Build(problem, definition.Resolve(parameters), constructionSeed);
    }
}
