using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>Seed derivation separates its children; the generator's bounded draws stay in range.</summary>
public class RandomnessProperties
{
    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 500)]
    public Property Derive_differs_for_different_labels(Seed seed, NonNull<string> first, NonNull<string> second) =>
        Prop.When(first.Get != second.Get, () => Assert.NotEqual(seed.Derive(first.Get), seed.Derive(second.Get)));

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 500)]
    public Property Derive_differs_for_different_indices(Seed seed, long first, long second) =>
        Prop.When(first != second, () => Assert.NotEqual(seed.Derive(first), seed.Derive(second)));

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 300)]
    public void Derive_differs_from_the_parent_and_between_parents(Seed seed, NonNull<string> label)
    {
        Assert.NotEqual(seed, seed.Derive(label.Get));
        Assert.NotEqual(seed.Derive(label.Get), new Seed(seed.Value + 1).Derive(label.Get));
    }

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 300)]
    public void NextBelow_stays_below_its_bound(Seed seed, ulong bound)
    {
        var rng = new Rng(seed);
        var limit = Math.Max(1UL, bound);
        for (var k = 0; k < 50; k++)
        {
            Assert.InRange(rng.NextBelow(limit), 0UL, limit - 1);
            Assert.InRange(rng.NextBelow(limit >> 40 | 1), 0UL, (limit >> 40 | 1) - 1);
            Assert.InRange(rng.NextDouble(), 0.0, Math.BitDecrement(1.0));
        }
    }

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 300)]
    public Property DistinctInRange_draws_distinct_values_in_range(Seed seed) => Prop.ForAll(
        Arb.From(from range in Gen.Choose(1, 500) from count in Gen.Choose(0, Math.Min(range, 40)) from offset in Gen.Choose(-1000, 1000) select (range, count, offset)),
        c =>
        {
            var values = new int[c.count];
            Sampling.DistinctInRange(new Rng(seed), c.offset, c.range, values);

            Assert.Equal(c.count, values.Distinct().Count());
            Assert.All(values, v => Assert.InRange(v, c.offset, c.offset + c.range - 1));
        });

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 100)]
    public void DistinctInRange_rejects_more_values_than_the_range_holds(Seed seed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.DistinctInRange(new Rng(seed), 0, 3, new int[4]));

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 200)]
    public void Shuffle_permutes(Seed seed, int[] values)
    {
        var shuffled = (int[])values.Clone();
        Sampling.Shuffle(new Rng(seed), shuffled.AsSpan());

        Assert.Equal(values.Order(), shuffled.Order());
    }
}
