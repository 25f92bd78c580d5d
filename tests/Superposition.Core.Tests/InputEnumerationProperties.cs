using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Inputs;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The exhaustive enumeration against a naive one (recursive subsets of {0, …, m − 1}): every subset
/// of the support exactly once, in the documented order (by size, then colex, which is the order of
/// nested loops with the largest element outermost), with batches that depend on their index only.
/// </summary>
public class InputEnumerationProperties
{
    private sealed record Shape(int InputCount, int Sparsity, bool SizesUpTo)
    {
        public override string ToString() => $"m = {InputCount}, s = {Sparsity}, {(SizesUpTo ? "|x| ≤ s" : "|x| = s")}";
    }

    private static Gen<Shape> Shapes { get; } =
        from m in Gen.Choose(1, 13)
        from s in Gen.Choose(1, Math.Min(m, 5))
        from upTo in Gen.Elements(false, true)
        select new Shape(m, s, upTo);

    [Property(MaxTest = 200)]
    public Property Enumeration_visits_every_subset_once_in_size_then_colex_order() => Prop.ForAll(Arb.From(Shapes), shape =>
    {
        var naive = Naive(shape).Select(Key).ToList();
        var enumerated = Stream(shape).Select(Key).ToList();

        Assert.Equal(naive.Count, InputEnumeration.Count(shape.InputCount, shape.Sparsity, shape.SizesUpTo));
        Assert.Equal(naive.Count, enumerated.Distinct().Count());
        Assert.Equal(naive, enumerated);
    });

    [Property(MaxTest = 200)]
    public Property Unrank_of_each_index_equals_the_stepped_stream_and_inverts_rank() => Prop.ForAll(Arb.From(Shapes), shape =>
    {
        var stream = Stream(shape).ToList();
        var buffer = new int[shape.Sparsity];
        long offset = 0;
        for (var index = 0; index < stream.Count; index++)
        {
            var size = InputEnumeration.Unrank(shape.InputCount, shape.Sparsity, shape.SizesUpTo, index, buffer);
            Assert.Equal(Key(stream[index]), Key(buffer[..size]));
            if (index > 0 && stream[index].Length != stream[index - 1].Length)
            {
                offset = index;
            }
            Assert.Equal(index - offset, InputEnumeration.Rank(buffer.AsSpan(0, size)));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => InputEnumeration.Unrank(shape.InputCount, shape.Sparsity, shape.SizesUpTo, stream.Count, buffer));
    });

    [Property(MaxTest = 150)]
    public Property A_batch_is_the_slice_of_the_enumeration_at_its_index_with_its_truth() => Prop.ForAll(
        Arb.From(from shape in Shapes
                 from seed in CoreGeneratorsSeeds
                 let total = (int)InputEnumeration.Count(shape.InputCount, shape.Sparsity, shape.SizesUpTo)
                 from first in Gen.Choose(0, total - 1)
                 from count in Gen.Choose(0, total - first)
                 select (shape, seed, first, count)),
        c =>
        {
            var (shape, seed, first, count) = c;
            var problem = Problem(shape, seed);
            var stream = Naive(shape).ToList();

            var batch = InputEnumeration.Batch(problem, shape.SizesUpTo, first, count);
            var again = InputEnumeration.Batch(problem, shape.SizesUpTo, first, count);

            Assert.Equal(count, batch.Count);
            Assert.Equal(first, batch.FirstSampleIndex);
            var truth = new int[Math.Max(1, problem.MaxTrueOutputs)];
            for (var k = 0; k < count; k++)
            {
                Assert.Equal(Key(stream[first + k]), Key(batch.Active(k).ToArray()));
                Assert.Equal(Key(batch.Active(k).ToArray()), Key(again.Active(k).ToArray()));
                var trueCount = problem.TrueOutputs(stream[first + k], truth);
                Assert.Equal(truth[..trueCount], batch.Truth(k).ToArray());
            }
        });

    [Fact]
    public void Choose_matches_Pascals_triangle_and_saturates_instead_of_overflowing()
    {
        var row = new long[] { 1 };
        for (var n = 0; n <= 66; n++)
        {
            for (var k = 0; k <= n; k++)
            {
                Assert.Equal(row[k], InputEnumeration.Choose(n, k));
            }
            row = [.. Enumerable.Range(0, n + 2).Select(k => (k == 0 || k == n + 1) ? 1L : row[k - 1] + row[k])];
        }
        Assert.Equal(0, InputEnumeration.Choose(5, 6));
        Assert.Equal(4_455_100, InputEnumeration.Choose(300, 3));
        Assert.Equal(long.MaxValue, InputEnumeration.Choose(1_000_000, 100));
        Assert.Equal(long.MaxValue, InputEnumeration.Count(1_000_000, 4096, sizesUpTo: true));
        Assert.Equal(1 + 300 + 44_850 + 4_455_100, InputEnumeration.Count(300, 3, sizesUpTo: true));
    }

    private static Gen<Seed> CoreGeneratorsSeeds => Superposition.Testing.CoreGenerators.Seeds;

    private static Problem Problem(Shape shape, Seed seed)
    {
        var pairs = shape.InputCount * (shape.InputCount - 1) / 2;
        var spec = shape.InputCount >= 2
            ? new ProblemSpec(ProblemKind.And, "random", shape.InputCount, Math.Max(1, pairs / 2), shape.Sparsity)
            : new ProblemSpec(ProblemKind.Permutation, "permutation", shape.InputCount, shape.InputCount, shape.Sparsity);
        return ProblemGeneration.Generate(spec, seed);
    }

    /// <summary>Subsets by size, each size by nested loops over the largest element first: the colex order, written out.</summary>
    private static IEnumerable<int[]> Naive(Shape shape)
    {
        var sizes = shape.SizesUpTo ? Enumerable.Range(0, shape.Sparsity + 1) : [shape.Sparsity];
        return sizes.SelectMany(size => NaiveSubsets.Colex(shape.InputCount, size));
    }

    /// <summary>The enumeration stepped with Next from the first input.</summary>
    private static IEnumerable<int[]> Stream(Shape shape)
    {
        var subset = new int[shape.Sparsity];
        var size = InputEnumeration.Unrank(shape.InputCount, shape.Sparsity, shape.SizesUpTo, 0, subset);
        while (size >= 0)
        {
            yield return subset[..size];
            size = InputEnumeration.Next(shape.InputCount, shape.Sparsity, shape.SizesUpTo, subset, size);
        }
    }

    private static string Key(int[] subset) => string.Join(",", subset);
}
