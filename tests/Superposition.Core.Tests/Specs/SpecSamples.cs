using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Superposition.Specs;
using Superposition.Validation;

namespace Superposition.Core.Tests.Specs;

/// <summary>Small specs to edit in examples, and shortcuts to parse them.</summary>
internal static class SpecSamples
{
    /// <summary>A valid one-case spec: 2-AND, m = 100, m' = 200, s = 3, superposed-and, uniform inputs.</summary>
    public static JsonObject Minimal() => new()
    {
        ["name"] = "sample",
        ["seed"] = 7,
        ["problem"] = new JsonObject { ["kind"] = "and", ["graph"] = "random", ["input_count"] = 100, ["output_count"] = 200, ["sparsity"] = 3 },
        ["construction"] = "superposed-and",
        ["input_distribution"] = "uniform",
        ["evaluation"] = new JsonObject { ["samples"] = 100, ["batch_size"] = 50 },
    };

    /// <summary><see cref="Minimal"/> with <paramref name="edit"/> applied.</summary>
    public static JsonObject With(Action<JsonObject> edit)
    {
        var spec = Minimal();
        edit(spec);
        return spec;
    }

    public static JsonArray Axes(params JsonObject[] axes) => [.. axes];

    public static SweepSpec Valid(JsonObject spec) => Valid(spec.ToJsonString());

    public static SweepSpec Valid(string text) => SpecParser.Parse(text) switch
    {
        SpecParseResult.Parsed parsed => parsed.Spec,
        SpecParseResult.Invalid invalid => throw new Xunit.Sdk.XunitException("expected a valid spec, got:\n" + string.Join("\n", invalid.Errors)),
        _ => throw new InvalidOperationException(),
    };

    public static ImmutableArray<SpecError> Errors(JsonObject spec) => Errors(spec.ToJsonString());

    public static ImmutableArray<SpecError> Errors(string text) => SpecParser.Parse(text) switch
    {
        SpecParseResult.Invalid invalid => invalid.Errors,
        SpecParseResult.Parsed => throw new Xunit.Sdk.XunitException("expected errors, but the spec is valid:\n" + text),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The single error at <paramref name="path"/>; fails when there is none or more than one there.</summary>
    public static SpecError At(this ImmutableArray<SpecError> errors, string path)
    {
        var found = errors.Where(e => e.Path == path).ToList();
        return found.Count == 1
            ? found[0]
            : throw new Xunit.Sdk.XunitException($"expected one error at '{path}', found {found.Count} among:\n" + string.Join("\n", errors));
    }

    /// <summary>The directory holding Superposition.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot() => Superposition.Testing.RepositoryRoot.Path;
}
