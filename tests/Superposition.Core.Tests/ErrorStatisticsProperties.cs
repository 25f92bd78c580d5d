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
    public void Add_counts_one_sample_and_keeps_the_extreme_margins(ErrorStatistics statistics, double minTrue, double maxFalse)
    {
        var falsePositives = (int)(Math.Abs(minTrue) % 3);
        var falseNegatives = (int)(Math.Abs(maxFalse) % 2);

        var added = statistics.Add(4, falsePositives, falseNegatives, minTrue, maxFalse);

        Assert.Equal(statistics.Samples + 1, added.Samples);
        Assert.Equal(statistics.CorrectSamples + (falsePositives + falseNegatives == 0 ? 1 : 0), added.CorrectSamples);
        Assert.Equal(statistics.TrueOutputs + 4, added.TrueOutputs);
        Assert.Equal(statistics.FalsePositives + falsePositives, added.FalsePositives);
        Assert.Equal(statistics.FalseNegatives + falseNegatives, added.FalseNegatives);
        Assert.Equal(Math.Min(statistics.MinTrueMargin, minTrue), added.MinTrueMargin);
        Assert.Equal(Math.Max(statistics.MaxFalseMargin, maxFalse), added.MaxFalseMargin);
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
            all = all.Add(k % 4, wrong, 0, margins[k], -margins[k]);
            if (k < margins.Length / 2)
            {
                left = left.Add(k % 4, wrong, 0, margins[k], -margins[k]);
            }
            else
            {
                right = right.Add(k % 4, wrong, 0, margins[k], -margins[k]);
            }
        }

        Assert.Equal(all, left.Combine(right));
        Assert.Equal(all, right.Combine(left));
    }
}
