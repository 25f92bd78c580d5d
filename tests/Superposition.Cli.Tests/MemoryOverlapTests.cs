using Superposition.Specs;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// The runner builds a run's network while the run before it is still evaluated, so the memory check
/// counts consecutive runs together: a sweep whose two largest runs fit alone but not together is
/// refused; the same runs far apart in size are not.
/// </summary>
public class MemoryOverlapTests
{
    private static List<RunCase> Runs(string axis) => SweepExpansion.Expand(Assert.IsType<SpecParseResult.Parsed>(SpecParser.Parse($$"""
        { "name": "overlap", "seed": 1, "construction": "superposed-and",
          "problem": { "kind": "and", "graph": "random", "input_count": 100000, "output_count": 100000, "sparsity": 3 },
          "axes": [ { "problem.output_count": {{axis}} } ], "evaluation": { "samples": 100, "batch_size": 100 } }
        """)).Spec).ToList();

    [Fact]
    public void A_run_counts_with_the_run_before_it()
    {
        var one = Runs("[100000]");
        var single = MemoryTally.Of(one, 2, keepSamples: false);
        var two = MemoryTally.Of(Runs("[100000, 100001]"), 2, keepSamples: false);

        Assert.False(single.LargestHoldsPrevious);
        Assert.True(two.LargestHoldsPrevious);
        var alone = MemoryEstimates.Of(one[0]).PeakBytes(2);
        Assert.InRange(two.PeakBytes - single.BufferBytes, (2 * alone) - (alone / 100), (2 * alone) + (alone / 100));

        // A limit between one run's peak and two runs' peaks: the pair is refused, the single run is not.
        var limit = (single.PeakBytes + two.PeakBytes) / 2;
        Assert.Null(MemoryCheck.Problem(single, limit));
        var problem = MemoryCheck.Problem(two, limit);
        Assert.NotNull(problem);
        Assert.Contains("built while the run before it is evaluated", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicates_overlap_too()
    {
        var runs = SweepExpansion.Expand(Assert.IsType<SpecParseResult.Parsed>(SpecParser.Parse("""
            { "name": "replicates", "seed": 1, "replicates": 2, "construction": "dedicated",
              "problem": { "kind": "and", "graph": "random", "input_count": 1000, "output_count": 100000, "sparsity": 3 },
              "evaluation": { "samples": 100, "batch_size": 100 } }
            """)).Spec).ToList();
        var tally = MemoryTally.Of(runs, 1, keepSamples: false);

        Assert.Equal(2, runs.Count);
        Assert.True(tally.LargestHoldsPrevious);
        Assert.Equal(2 * MemoryEstimates.Of(runs[0]).PeakBytes(1), tally.PeakBytes - tally.BufferBytes);
    }
}
