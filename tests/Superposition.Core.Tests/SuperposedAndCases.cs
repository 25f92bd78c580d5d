using FsCheck;
using FsCheck.Fluent;
using Superposition.Constructions;
using Superposition.Testing;

namespace Superposition.Core.Tests;

/// <summary>Superposed-and build cases with generated (including adversarial) and default parameters.</summary>
public static class SuperposedAndCases
{
    public static Arbitrary<BuildCase> Cases() => Arb.From(Gen.Frequency(
        (3, CoreGenerators.BuildCases(SuperposedAnd.Definition)),
        (1, CoreGenerators.BuildCases(SuperposedAnd.Definition, defaultParameters: true))));
}
