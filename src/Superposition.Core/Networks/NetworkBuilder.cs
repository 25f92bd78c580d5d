using Superposition.Constructions;
using Superposition.Problems;
using Superposition.Randomness;
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
        var errors = new List<SpecError>(ProblemGeneration.Validate(problem, path));
        var at = path.Length == 0 ? "construction" : $"{path}.construction";
        var (definition, unknown) = ConstructionRegistry.Lookup(construction, at);
        if (definition is null)
        {
            errors.Add(unknown!);
            return errors;
        }
        var (resolved, parameterErrors) = definition.Resolve(parameters, path.Length == 0 ? "construction_params" : $"{path}.construction_params");
        errors.AddRange(parameterErrors);
        if (resolved is not null && errors.Count == 0)
        {
            errors.AddRange(definition.Validate(problem, resolved, at));
        }
        return errors;
    }

    /// <summary>Builds the network, or throws <see cref="InvalidSpecException"/> listing every problem.</summary>
    public static Network Build(ProblemSpec problem, string construction, IReadOnlyDictionary<string, object> parameters, Seed problemSeed, Seed constructionSeed)
    {
        InvalidSpecException.ThrowIfAny(Validate(problem, construction, parameters));
        var definition = ConstructionRegistry.Find(construction)!;
        var resolved = definition.Resolve(parameters, "").Parameters!;
        return definition.Build(ProblemGeneration.Generate(problem, problemSeed), resolved, constructionSeed);
    }

    /// <summary>Builds a network for an existing problem instance (for tests and comparisons on one instance).</summary>
    public static Network Build(Problem problem, ConstructionDefinition definition, ConstructionParameters parameters, Seed constructionSeed)
    {
        InvalidSpecException.ThrowIfAny([.. definition.Validate(problem.Spec, parameters)]);
        return definition.Build(problem, parameters, constructionSeed);
    }
}
