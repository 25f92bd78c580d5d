using Superposition.Bounds;
using Superposition.Problems;
using Xunit;

namespace Superposition.Core.Tests;

public class BoundTests
{
    [Theory]
    [InlineData(10, 3, 120)]
    [InlineData(52, 5, 2_598_960)]
    [InlineData(7, 0, 1)]
    [InlineData(7, 7, 1)]
    public void Choose_is_log2_of_the_binomial_coefficient(int n, int k, double coefficient) =>
        Assert.Equal(Math.Log2(coefficient), Log2.Choose(n, k), 9);

    [Fact]
    public void Factorial_is_log2_of_n_factorial() =>
        Assert.Equal(Math.Log2(3_628_800), Log2.Factorial(10), 9);

    [Fact]
    public void InstanceBits_counts_the_instances_of_each_family()
    {
        Assert.Equal(Math.Log2(45 * 44 * 43 / 6.0), BoundCalculator.InstanceBits(new ProblemSpec(ProblemKind.And, "random", 10, 3, 2)), 9);
        Assert.Equal(0.0, BoundCalculator.InstanceBits(new ProblemSpec(ProblemKind.And, "complete", 10, 45, 2)));
        Assert.Equal(Math.Log2(120), BoundCalculator.InstanceBits(new ProblemSpec(ProblemKind.Permutation, "permutation", 5, 5, 2)), 9);
        // Matchings of 2 pairs on 4 inputs: 3.
        Assert.Equal(Math.Log2(3), BoundCalculator.InstanceBits(new ProblemSpec(ProblemKind.And, "matching", 4, 2, 2)), 9);
    }
}
