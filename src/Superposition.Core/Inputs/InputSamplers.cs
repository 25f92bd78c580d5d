using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;

namespace Superposition.Inputs;

/// <summary>Seeded batches of sparse inputs, with the truth attached (docs/mathematics.md §2).</summary>
public static class InputSamplers
{
    /// <summary>
    /// Sparsities up to this draw into a buffer on the stack; larger ones into one on the heap, since a
    /// stack buffer sized by a user's sparsity can overflow the stack and end the process.
    /// </summary>
    private const int StackDrawLimit = 256;

    /// <summary>
    /// Draws <paramref name="count"/> inputs of the registered distribution <paramref name="distribution"/> for
    /// <paramref name="problem"/>. Deterministic in (problem, distribution, first index, count, seed).
    /// </summary>
    public static SampleBatch Batch(Problem problem, string distribution, int firstSampleIndex, int count, Seed seed)
    {
        if (InputDistributions.Check(distribution, problem.Spec, "input_distribution") is { } error)
        {
            throw new InvalidSpecException([error]);
        }
        return Batch(problem, InputDistributionRegistry.Find(distribution)!, firstSampleIndex, count, seed);
    }

    /// <summary>Draws <paramref name="count"/> inputs of <paramref name="distribution"/>, registered or not, for <paramref name="problem"/>.</summary>
    public static SampleBatch Batch(Problem problem, InputDistribution distribution, int firstSampleIndex, int count, Seed seed)
    {
        if (distribution.Inapplicable(problem.Spec) is { } reason)
        {
            throw new InvalidSpecException([new SpecError("input_distribution", reason)]);
        }
        var sampler = distribution.SamplerFor(problem);
        var rng = new Rng(seed);
        var sparsity = problem.Sparsity;
        var activeOffsets = new int[count + 1];
        var active = new int[count * sparsity];
        var truthOffsets = new int[count + 1];
        var truth = new int[count * problem.MaxTrueOutputs];
        var draw = sparsity <= StackDrawLimit ? stackalloc int[StackDrawLimit] : new int[sparsity];
        draw = draw[..sparsity];
        for (var k = 0; k < count; k++)
        {
            var size = sampler(rng, draw);
            if ((uint)size > (uint)sparsity)
            {
                throw new InvalidOperationException($"the '{distribution.Name}' sampler wrote {size} inputs, outside 0..s = {sparsity}");
            }
            var sample = draw[..size];
            sample.Sort();
            if (!IsStrictlyAscendingInRange(sample, problem.InputCount))
            {
                throw new InvalidOperationException($"the '{distribution.Name}' sampler wrote inputs that repeat or lie outside [0, {problem.InputCount})");
            }
            sample.CopyTo(active.AsSpan(activeOffsets[k]));
            activeOffsets[k + 1] = activeOffsets[k] + size;
            var trueCount = problem.TrueOutputs(sample, truth.AsSpan(truthOffsets[k]));
            truthOffsets[k + 1] = truthOffsets[k] + trueCount;
        }
        return new SampleBatch(firstSampleIndex, activeOffsets, active[..activeOffsets[count]], truthOffsets, truth[..truthOffsets[count]]);
    }

    /// <summary>Whether sorted values are distinct inputs of the problem: what TrueOutputs and the evaluators rely on.</summary>
    private static bool IsStrictlyAscendingInRange(ReadOnlySpan<int> sorted, int inputCount)
    {
        if (sorted.IsEmpty)
        {
            return true;
        }
        if (sorted[0] < 0 || sorted[^1] >= inputCount)
        {
            return false;
        }
        for (var k = 1; k < sorted.Length; k++)
        {
            if (sorted[k] == sorted[k - 1])
            {
                return false;
            }
        }
        return true;
    }
}
