using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Statistics;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>ErrorStatistics is a commutative monoid, with finite and infinite margins alike.</summary>
public class ErrorStatisticsProperties
{
    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 500)]
    public void Combine_has_empty_as_identity(ErrorStatistics statistics)
    {
        Assert.Equal(statistics, ErrorStatistics.Empty.Combine(statistics));
        Assert.Equal(statistics, statistics.Combine(ErrorStatistics.Empty));
    }

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 500)]
    public void Combine_is_associative(ErrorStatistics a, ErrorStatistics b, ErrorStatistics c) =>
        Assert.Equal(a.Combine(b).Combine(c), a.Combine(b.Combine(c)));

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 500)]
    public void Combine_is_commutative(ErrorStatistics a, ErrorStatistics b) =>
        Assert.Equal(a.Combine(b), b.Combine(a));

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 300)]
    public void Add_counts_one_sample_and_keeps_the_extreme_margins(ErrorStatistics statistics, double minTrue, double maxFalse, byte trueOutputs)
    {
        var falsePositives = (int)(Math.Abs(minTrue) % 3);
        var falseNegatives = (int)(Math.Abs(maxFalse) % 2);
        var sharing = falsePositives / 2;
        var truth = trueOutputs % 6;

        var added = statistics.Add(truth, falsePositives, falseNegatives, sharing, minTrue, maxFalse);

        var wrong = falsePositives + falseNegatives > 0;
        Assert.Equal(statistics.Samples + 1, added.Samples);
        Assert.Equal(statistics.CorrectSamples + (wrong ? 0 : 1), added.CorrectSamples);
        Assert.Equal(statistics.TrueOutputs + truth, added.TrueOutputs);
        Assert.Equal(statistics.FalsePositives + falsePositives, added.FalsePositives);
        Assert.Equal(statistics.FalseNegatives + falseNegatives, added.FalseNegatives);
        Assert.Equal(Math.Min(statistics.MinTrueMargin, minTrue), added.MinTrueMargin);
        Assert.Equal(Math.Max(statistics.MaxFalseMargin, maxFalse), added.MaxFalseMargin);
        Assert.Equal(statistics.FalseOutputSquares + ((falsePositives + falseNegatives) * (falsePositives + falseNegatives)), added.FalseOutputSquares);
        Assert.Equal(statistics.FalsePositivesSharingInput + sharing, added.FalsePositivesSharingInput);
        long[] before = Buckets(statistics.Classes);
        long[] after = Buckets(added.Classes);
        var bucket = Math.Min(truth, 3);
        for (var b = 0; b < 8; b++)
        {
            var expected = before[b] + (b == bucket ? 1 : 0) + (b == 4 + bucket && wrong ? 1 : 0);
            Assert.Equal(expected, after[b]);
        }
    }

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 300)]
    public void Combine_of_adds_equals_adds_in_any_grouping(double[] margins)
    {
        var all = ErrorStatistics.Empty;
        var left = ErrorStatistics.Empty;
        var right = ErrorStatistics.Empty;
        for (var k = 0; k < margins.Length; k++)
        {
            var wrong = k % 3 == 0 ? 1 : 0;
            all = all.Add(k % 5, wrong, k % 2, wrong * (k % 2), margins[k], -margins[k]);
            if (k < margins.Length / 2)
            {
                left = left.Add(k % 5, wrong, k % 2, wrong * (k % 2), margins[k], -margins[k]);
            }
            else
            {
                right = right.Add(k % 5, wrong, k % 2, wrong * (k % 2), margins[k], -margins[k]);
            }
        }

        Assert.Equal(all, left.Combine(right));
        Assert.Equal(all, right.Combine(left));
    }

    [Property(MaxTest = 300)]
    public Property Classes_partition_the_samples_and_the_wrong_samples() => Prop.ForAll(Arb.From(Outcomes), outcomes =>
    {
        var statistics = outcomes.Aggregate(ErrorStatistics.Empty, (total, o) => total.Add(o.TrueOutputs, o.FalsePositives, o.FalseNegatives, 0, 0, 0));
        var buckets = Buckets(statistics.Classes);
        Assert.Equal(statistics.Samples, buckets[..4].Sum());
        Assert.Equal(statistics.WrongSamples, buckets[4..].Sum());
        for (var bucket = 0; bucket < 4; bucket++)
        {
            Assert.Equal(outcomes.Count(o => Math.Min(o.TrueOutputs, 3) == bucket), buckets[bucket]);
            Assert.Equal(outcomes.Count(o => Math.Min(o.TrueOutputs, 3) == bucket && o.FalsePositives + o.FalseNegatives > 0), buckets[4 + bucket]);
        }
    });

    /// <summary>The mean and its standard error against a two-pass computation over the per-sample counts themselves.</summary>
    [Property(MaxTest = 300)]
    public Property False_outputs_per_sample_and_its_standard_error_match_a_two_pass_computation() => Prop.ForAll(Arb.From(Outcomes), outcomes =>
    {
        var statistics = outcomes.Aggregate(ErrorStatistics.Empty, (total, o) => total.Add(o.TrueOutputs, o.FalsePositives, o.FalseNegatives, 0, 0, 0));
        var counts = outcomes.Select(o => (double)o.FalsePositives + o.FalseNegatives).ToArray();
        if (counts.Length == 0)
        {
            Assert.True(double.IsNaN(statistics.FalseOutputsPerSample));
            return;
        }
        var mean = counts.Average();
        Assert.Equal(mean, statistics.FalseOutputsPerSample, 9);
        if (counts.Length < 2)
        {
            Assert.True(double.IsNaN(statistics.FalseOutputsPerSampleStderr));
            return;
        }
        var variance = counts.Sum(x => (x - mean) * (x - mean)) / (counts.Length - 1);
        var expected = Math.Sqrt(variance / counts.Length);
        Assert.True(Math.Abs(expected - statistics.FalseOutputsPerSampleStderr) <= 1e-9 * Math.Max(1, expected), $"two-pass {expected:R}, statistics {statistics.FalseOutputsPerSampleStderr:R}");
    });

    [Fact]
    public void A_constant_false_output_count_has_a_standard_error_of_exactly_zero()
    {
        var statistics = ErrorStatistics.Empty;
        for (var k = 0; k < 1000; k++)
        {
            statistics = statistics.Add(0, 987_654_321, 0, 0, double.PositiveInfinity, 1);
        }

        Assert.Equal(987_654_321.0, statistics.FalseOutputsPerSample);
        Assert.Equal(0.0, statistics.FalseOutputsPerSampleStderr);
    }

    private sealed record Outcome(int TrueOutputs, int FalsePositives, int FalseNegatives);

    private static Gen<Outcome[]> Outcomes { get; } = Gen.Sized(size =>
        (from trueOutputs in Gen.Choose(0, 6)
         from falsePositives in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(0, 5)), (1, Gen.Choose(0, 1_000_000)))
         from falseNegatives in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, trueOutputs)))
         select new Outcome(trueOutputs, falsePositives, falseNegatives)).ArrayOf(Math.Max(0, size)));

    private static long[] Buckets(TrueOutputClasses c) =>
        [c.SamplesNone, c.SamplesOne, c.SamplesTwo, c.SamplesThreeOrMore, c.WrongNone, c.WrongOne, c.WrongTwo, c.WrongThreeOrMore];
}
