using FsCheck;
using FsCheck.Fluent;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Statistics;
using Superposition.Testing;

namespace Superposition.Core.Tests;

/// <summary>Arbitraries for <c>[Property(Arbitrary = [typeof(CoreArbitraries)])]</c>: valid specs of every kind, seeds, statistics.</summary>
public static class CoreArbitraries
{
    public static Arbitrary<ProblemSpec> Specs() => Arb.From(CoreGenerators.Specs());

    public static Arbitrary<Seed> Seeds() => Arb.From(CoreGenerators.Seeds);

    public static Arbitrary<ErrorStatistics> Statistics() => Arb.From(CoreGenerators.ErrorStatistics);

    public static Arbitrary<double> Doubles() => Arb.From(CoreGenerators.FiniteDoubles);
}
