using FsCheck.Xunit;
using Superposition.Specs;
using Superposition.Sweeps;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests.Specs;

public class SpecParserProperties
{
    [Property(Arbitrary = [typeof(SpecGenerators)])]
    public bool Parse_accepts_every_generated_valid_spec(GeneratedSpec generated) =>
        SpecParser.Parse(generated.Text) is SpecParseResult.Parsed;

    [Property(Arbitrary = [typeof(SpecGenerators)], MaxTest = 1000)]
    public bool Parse_never_throws_and_explains_every_rejection(CorruptedSpec corrupted) => SpecParser.Parse(corrupted.Text) switch
    {
        // A spec that parses must expand: Parse runs the same per-case checks as Expand.
        SpecParseResult.Parsed parsed => SweepExpansion.Expand(parsed.Spec).Length > 0,
        SpecParseResult.Invalid invalid => invalid.Errors.Length > 0
            && invalid.Errors.All(e => e.Path.Length > 0 && e.Message.Length > 0 && !e.Message.StartsWith("internal error", StringComparison.Ordinal)),
        _ => false,
    };

    [Property(Arbitrary = [typeof(SpecGenerators)])]
    public void Parse_is_deterministic(CorruptedSpec corrupted) =>
        Assert.Equal(Structure(SpecParser.Parse(corrupted.Text)), Structure(SpecParser.Parse(corrupted.Text)));

    [Property(Arbitrary = [typeof(SpecGenerators)])]
    public void Parse_is_deterministic_on_valid_specs(GeneratedSpec generated) =>
        Assert.Equal(Structure(SpecParser.Parse(generated.Text)), Structure(SpecParser.Parse(generated.Text)));

    [Fact]
    public void Structure_tells_apart_rejections_that_ToString_confuses()
    {
        // Record ToString prints an ImmutableArray as its type name, so these two once compared equal.
        var first = SpecParser.Parse("""{ "name": "a" }""");
        var second = SpecParser.Parse("""{ "name": 1 }""");

        Assert.Equal(first.ToString(), second.ToString());
        Assert.NotEqual(Structure(first), Structure(second));
    }

    /// <summary>
    /// Everything a parse result says, as comparable lines: every error with its path and message, or
    /// the parsed spec's fields, base values, axes and the expansion's cases with their seeds.
    /// </summary>
    private static string[] Structure(SpecParseResult result) => result switch
    {
        SpecParseResult.Invalid invalid => [.. invalid.Errors.Select(e => $"error {e.Path}: {e.Message}")],
        SpecParseResult.Parsed { Spec: var spec } =>
        [
            $"spec {spec.Name} | {spec.Description} | {spec.Hash} | {spec.RootSeed} | {spec.Replicates} | {spec.Evaluation}",
            .. spec.Base.Select(p => $"base {p.Key} = {Value(p.Value)}"),
            .. spec.Axes.Select(a => $"axis {string.Join(", ", a.Fields)} = {string.Join(" / ", a.Values.Select(values => string.Join(", ", values.Select(Value))))}"),
            .. SweepExpansion.Expand(spec).Select(r => $"run {r.Index} {r.CaseId} {r.Replicate} {r.Problem} {r.ConstructionName} {r.Construction.Values.ToJson()} {r.InputDistribution.Name} {r.ProblemSeed} {r.ConstructionSeed} {r.SampleSeed}"),
        ],
        _ => throw new Xunit.Sdk.XunitException($"unknown parse result {result.GetType().Name}"),
    };

    private static string Value(object value) => value switch
    {
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => $"{value.GetType().Name}:{value}",
    };
}
