using Superposition.Problems;

namespace Superposition.Constructions;

/// <summary>
/// The layer size of <see cref="RandomAnd"/> from the problem, where the options leave it at 0
/// (docs/mathematics.md §6). Vaintrob–Mendel–Hänni's analysis asks two things of a random AND layer:
/// each pair shares enough neurons (d · p² of them) that its mean is a stable, non-empty average, and a
/// neuron that reads one active end of a pair stays low, so that a pair with one active end does not
/// reach the mean threshold. The second is what fails at scale with superposed inputs: a neuron reads
/// m · p decompressed inputs, each inactive one carrying read noise q = 1 − (1 − b/n_0)^s on average,
/// and from m' ≈ 10⁴ on with d = 2000, p = 0.1 that noise lifts every neuron, and every output reads 1.
/// So p is chosen to keep the mean activation of a one-end-active pair's neurons,
/// (m − s) · p · q + (s − 1) · p (read noise plus the other active inputs), at the noise budget η, and
/// d to give every pair c_d · ln m' shared neurons on average (an empty support has chance m'^(−c_d)).
/// </summary>
public static class RandomAndSizing
{
    /// <summary>The connection probability and the layer size the build uses: the options' own values, or those sized from the problem where they are 0.</summary>
    public static (double Neurons, double Probability) Resolve(ProblemSpec problem, RandomAndOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var probability = options.ConnectionProbability > 0 ? options.ConnectionProbability : Probability(problem, options);
        var neurons = options.Neurons > 0 ? options.Neurons : Math.Max(1, Math.Ceiling(options.SupportFactor * Math.Log(Math.Max(2, problem.OutputCount)) / (probability * probability)));
        return (neurons, probability);
    }

    /// <summary>p with (m − s) · p · q + (s − 1) · p = η, at most 1 (1 when nothing else is active and there is no read noise).</summary>
    public static double Probability(ProblemSpec problem, RandomAndOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var inactiveLoad = (problem.InputCount - problem.Sparsity) * ReadNoise(problem, options.InputLayer);
        var load = Math.Max(0, inactiveLoad) + Math.Max(0, problem.Sparsity - 1);
        return load <= options.NoiseBudget ? 1.0 : options.NoiseBudget / load;
    }

    /// <summary>q: the mean decompressed value of an inactive input, the share of its b code neurons that s active codes of width b over n_0 neurons set; 0 with explicit inputs.</summary>
    public static double ReadNoise(ProblemSpec problem, InputLayerOptions inputLayer)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(inputLayer);
        if (inputLayer.IsExplicit(problem))
        {
            return 0;
        }
        var width = inputLayer.CodeWidth.WidthEstimate(problem.OutputCount);
        var neurons = Math.Ceiling(inputLayer.BaseNeuronsEstimate(problem.OutputCount, problem.Sparsity));
        return 1 - Math.Pow(1 - Math.Min(1, width / neurons), problem.Sparsity);
    }
}
