using FsCheck;
using FsCheck.Fluent;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;

namespace Superposition.Core.Tests;

/// <summary>
/// Power-law requests: m from 2 to 60, m' from 1 to C(m, 2) (a quarter of them C(m, 2) itself), α in tenths
/// over [0, 4] (a quarter of them at an end), and any seed.
/// </summary>
public static class PowerLawArbitraries
{
    public static Arbitrary<Request> Requests() => Arb.From(
        from m in Gen.Choose(2, 60)
        from outputs in Gen.Frequency((3, Gen.Choose(1, m * (m - 1) / 2)), (1, Gen.Constant(m * (m - 1) / 2)))
        from tenths in Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Elements(0, 40)))
        select new Request(new ProblemSpec(ProblemKind.And, "power-law", m, outputs, 2, PowerLawExponent: tenths / 10.0)));

    public static Arbitrary<Seed> Seeds() => Arb.From(CoreGenerators.Seeds);

    /// <summary>A power-law spec, wrapped so that FsCheck uses this generator rather than one for every problem spec.</summary>
    public sealed record Request(ProblemSpec Spec);
}
