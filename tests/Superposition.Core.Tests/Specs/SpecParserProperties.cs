using FsCheck.Xunit;
using Superposition.Specs;
using Superposition.Sweeps;
using Superposition.Testing;

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
    public bool Parse_is_deterministic(CorruptedSpec corrupted) =>
        SpecParser.Parse(corrupted.Text).ToString() == SpecParser.Parse(corrupted.Text).ToString();
}
