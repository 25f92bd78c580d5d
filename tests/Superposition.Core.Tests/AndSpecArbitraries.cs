using FsCheck;
using FsCheck.Fluent;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;

namespace Superposition.Core.Tests;

/// <summary>Arbitraries of valid 2-AND specs (every pair-set generator) and seeds.</summary>
public static class AndSpecArbitraries
{
    public static Arbitrary<ProblemSpec> Specs() => Arb.From(CoreGenerators.AndSpecs());

    public static Arbitrary<Seed> Seeds() => Arb.From(CoreGenerators.Seeds);
}
