using Superposition.Networks;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// M's constructor is the gate the evaluator relies on: it indexes accumulators by row without bounds
/// checks and skips untouched neurons, so rows out of range and non-positive weights must never get in.
/// </summary>
public class ComputeMatrixTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void Rows_outside_the_layer_are_rejected(int badRow)
    {
        var error = Assert.Throws<ArgumentException>(() => new ComputeMatrix(3, [0, 2], [0, badRow], [1, 1]));
        Assert.Contains("[0, 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_positive_weights_are_rejected() =>
        Assert.Throws<ArgumentException>(() => new ComputeMatrix(3, [0, 2], [0, 1], [1, 0]));

    [Fact]
    public void Entries_beyond_the_last_offset_are_not_checked_or_read()
    {
        // FromColumns compacts in place and leaves stale entries past columnOffsets[^1].
        var matrix = new ComputeMatrix(2, [0, 1], [1, 99], [2, -5]);

        Assert.Equal([1], matrix.Rows(0).ToArray());
        Assert.Equal(1, matrix.NonzeroCount);
    }
}
