using FsCheck;
using FsCheck.Fluent;
using Superposition.Rows;

namespace Superposition.Datasets.Tests.Support;

/// <summary>Arbitraries for <c>[Property(Arbitrary = [typeof(RowArbitraries)])]</c>; arrays of them are derived.</summary>
public static class RowArbitraries
{
    public static Arbitrary<CaseRow> CaseRow() => RowGenerators.CaseRow.ToArbitrary();

    public static Arbitrary<CaseWithSamples> CaseWithSamples() => RowGenerators.CaseWithSamples.ToArbitrary();
}
