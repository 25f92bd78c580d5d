using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Inputs;

/// <summary>
/// An evaluation input distribution (docs/mathematics.md §2), defined in one place: its name, what an
/// input drawn from it looks like, which problems it applies to, and its sampler. Registered in
/// <see cref="InputDistributionRegistry"/>, from which the spec parser, the documentation table and
/// the tests pick it up (docs/extending/input-distribution.md).
/// </summary>
public abstract class InputDistribution
{
    /// <summary>The name a spec writes in <c>input_distribution</c> and a dataset records.</summary>
    public abstract string Name { get; }

    /// <summary>What one input looks like, as a phrase: the "inputs" column of docs/spec-format.md.</summary>
    public abstract string Description { get; }

    /// <summary>Which problems it applies to, as a phrase: the "applies to" column of docs/spec-format.md.</summary>
    public abstract string AppliesTo { get; }

    /// <summary>Why the distribution cannot be used on <paramref name="problem"/>, or null when it can.</summary>
    public abstract string? Inapplicable(ProblemSpec problem);

    /// <summary>
    /// The sampler for one problem instance, which has passed <see cref="Inapplicable"/>. Work that
    /// depends only on the problem (a sort, a table) belongs here, not in the sampler, which runs once
    /// per input.
    /// </summary>
    public abstract InputSampler SamplerFor(Problem problem);

    /// <summary>
    /// Fills destination[filled..] with inputs drawn uniformly among those not yet in destination[..filled],
    /// each distinct, until destination is full or no input is left; returns how many it added. The
    /// rejection loop suits destinations much smaller than the input count, as sparse inputs are.
    /// </summary>
    protected static int FillUniform(Rng rng, int inputCount, Span<int> destination, int filled)
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
}
