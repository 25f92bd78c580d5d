using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;

namespace Superposition.Inputs;

/// <summary>Seeded samplers of sparse inputs, with the truth attached (docs/mathematics.md §2).</summary>
public static class InputSamplers
{
    /// <summary>The 2s highest-degree inputs of each problem, found once (an O(m log m) sort) and shared by all batches.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Problem, int[]> HubCandidates = [];

    /// <summary>
    /// Draws <paramref name="count"/> inputs of <paramref name="distribution"/> for <paramref name="problem"/>.
    /// Deterministic in (problem, distribution, first index, count, seed).
    /// </summary>
    public static SampleBatch Batch(Problem problem, string distribution, int firstSampleIndex, int count, Seed seed)
    {
        if (InputDistributions.Check(distribution, problem.Spec, "input_distribution") is { } error)
        {
            throw new InvalidSpecException([error]);
        }
        var rng = new Rng(seed);
        var sparsity = problem.Sparsity;
        var hubs = distribution == InputDistributions.Hubs ? HubCandidates.GetValue(problem, p => TopByDegree(p, Math.Min(p.InputCount, 2 * p.Sparsity))) : [];
        var activeOffsets = new int[count + 1];
        var active = new int[count * sparsity];
        var truthOffsets = new int[count + 1];
        var truth = new int[count * problem.MaxTrueOutputs];
        Span<int> draw = stackalloc int[sparsity];
        for (var k = 0; k < count; k++)
        {
            var size = Sample(problem, distribution, hubs, rng, draw);
            var sample = draw[..size];
            sample.Sort();
            sample.CopyTo(active.AsSpan(activeOffsets[k]));
            activeOffsets[k + 1] = activeOffsets[k] + size;
            var trueCount = problem.TrueOutputs(sample, truth.AsSpan(truthOffsets[k]));
            truthOffsets[k + 1] = truthOffsets[k] + trueCount;
        }
        return new SampleBatch(firstSampleIndex, activeOffsets, active[..activeOffsets[count]], truthOffsets, truth[..truthOffsets[count]]);
    }

    /// <summary>Writes one input's active features into <paramref name="destination"/> (length s) and returns how many.</summary>
    private static int Sample(Problem problem, string distribution, int[] hubs, Rng rng, Span<int> destination)
    {
        var m = problem.InputCount;
        var s = problem.Sparsity;
        switch (distribution)
        {
            case InputDistributions.Uniform:
                Sampling.DistinctInRange(rng, 0, m, destination);
                return s;
            case InputDistributions.UpTo:
                var k = rng.NextInt(s + 1);
                Sampling.DistinctInRange(rng, 0, m, destination[..k]);
                return k;
            case InputDistributions.WithTruePair:
                var pairs = ((AndProblem)problem).Pairs;
                var e = rng.NextInt(pairs.Count);
                destination[0] = pairs.First[e];
                destination[1] = pairs.Second[e];
                return 2 + FillDistinct(rng, m, destination, 2);
            case InputDistributions.Hubs:
                var fromHubs = Math.Min((s + 1) / 2, hubs.Length);
                Span<int> picks = stackalloc int[fromHubs];
                Sampling.DistinctInRange(rng, 0, hubs.Length, picks);
                for (var h = 0; h < fromHubs; h++)
                {
                    destination[h] = hubs[picks[h]];
                }
                return fromHubs + FillDistinct(rng, m, destination, fromHubs);
            default:
                throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "unknown input distribution");
        }
    }

    /// <summary>Fills destination[filled..] with uniform inputs distinct from each other and from the first <paramref name="filled"/>.</summary>
    private static int FillDistinct(Rng rng, int inputCount, Span<int> destination, int filled)
    {
        var target = Math.Min(destination.Length, inputCount);
        for (var k = filled; k < target;)
        {
            var candidate = rng.NextInt(inputCount);
            if (!destination[..k].Contains(candidate))
            {
                destination[k++] = candidate;
            }
        }
        return target - filled;
    }

    /// <summary>The <paramref name="count"/> inputs of highest degree, ties broken by lower index.</summary>
    internal static int[] TopByDegree(Problem problem, int count)
    {
        var degrees = problem.Degrees;
        return [.. Enumerable.Range(0, problem.InputCount).OrderByDescending(i => degrees[i]).ThenBy(i => i).Take(count)];
    }
}
