using System.Diagnostics;
using Superposition.Evaluation;
using Superposition.Networks;
using Superposition.Randomness;

namespace Superposition.Inputs;

/// <summary>
/// A seeded search for an s-sparse input on which some false output comes closest to firing, for
/// networks too large to enumerate. The score of an input is, over the outputs whose target is 0, the
/// largest share of code neurons above the decoder's threshold, then (among outputs with that share)
/// the largest decoder margin: the share climbs towards a false positive one code neuron at a time,
/// where the margin alone is flat (−γ as soon as one neuron of the code is silent). A threshold read-out
/// reads each output from one unit, so its share is 0 or 1 and its margin the unit's value minus θ_e. Greedy growth adds,
/// one at a time, the best of a few random candidate inputs; hill climbing then swaps one active input
/// for a random other, keeping the swap when the score does not drop, until the evaluation budget is
/// spent. Everything random comes from the seed, so a search is a function of (network, budget, seed).
/// </summary>
public static class AdversarialSearch
{
    /// <summary>Candidates tried per greedy step: enough to steer, few enough to leave budget for climbing.</summary>
    public const int GreedyCandidates = 8;

    /// <summary>What a search found.</summary>
    /// <param name="Input">The best input, ascending, with exactly s distinct active inputs.</param>
    /// <param name="Share">Its largest share of a false output's code neurons above the threshold.</param>
    /// <param name="Margin">Its largest decoder margin among the false outputs with that share; positive means a false positive.</param>
    /// <param name="Evaluations">Network evaluations spent (at most the budget).</param>
    /// <param name="FirstWrongAt">The evaluation (1-based) at which a wrong input was first seen, or −1.</param>
    public sealed record Result(int[] Input, double Share, double Margin, int Evaluations, int FirstWrongAt)
    {
        public bool Wrong => Margin > 0;
    }

    /// <summary>Searches with at most <paramref name="budget"/> evaluations (at least one, which scores the grown input).</summary>
    public static Result Search(Network network, int budget, Seed seed) => Search(network, budget, seed, null);

    /// <summary>As <see cref="Search(Network, int, Seed)"/>, evaluating in <paramref name="scratch"/> (one per thread) when given, so a batch of searches shares one.</summary>
    public static Result Search(Network network, int budget, Seed seed, EvaluationScratch? scratch)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        var problem = network.Problem;
        var (inputCount, sparsity) = (problem.InputCount, Math.Min(problem.Sparsity, problem.InputCount));
        var rng = new Rng(seed);
        scratch ??= new EvaluationScratch(network);
        var evaluations = 0;
        var firstWrong = -1;
        (double Share, double Margin) Score(int[] input)
        {
            evaluations++;
            var score = Evaluate(network, input, scratch);
            if (score.Margin > 0 && firstWrong < 0)
            {
                firstWrong = evaluations;
            }
            return score;
        }

        // Greedy growth: each step keeps the best of a few candidates; the last step leaves room to climb.
        var current = new List<int>(sparsity);
        (double Share, double Margin) best = (double.NegativeInfinity, double.NegativeInfinity);
        for (var step = 0; step < sparsity; step++)
        {
            var stepBudget = Math.Max(1, Math.Min(GreedyCandidates, (budget - evaluations) / Math.Max(1, 2 * (sparsity - step))));
            int? chosen = null;
            (double Share, double Margin) chosenScore = (double.NegativeInfinity, double.NegativeInfinity);
            for (var c = 0; c < stepBudget || chosen is null; c++)
            {
                var candidate = rng.NextInt(inputCount);
                if (current.Contains(candidate))
                {
                    if (c > 8 * inputCount)
                    {
                        break;
                    }
                    continue;
                }
                int[] trial = [.. current, candidate];
                Array.Sort(trial);
                // One evaluation is kept for the last step, so the grown input always has a score.
                var affordable = evaluations < budget - 1 || (step == sparsity - 1 && evaluations < budget);
                var score = affordable ? Score(trial) : (double.NegativeInfinity, double.NegativeInfinity);
                if (chosen is null || Better(score, chosenScore))
                {
                    (chosen, chosenScore) = (candidate, score);
                }
            }
            current.Add(chosen!.Value);
            best = chosenScore;
        }
        var input = current.Order().ToArray();

        // Hill climbing: swap one active input for an inactive one; keep swaps that do not lower the score.
        while (evaluations < budget && sparsity < inputCount)
        {
            var position = rng.NextInt(sparsity);
            var replacement = rng.NextInt(inputCount);
            if (Array.IndexOf(input, replacement) >= 0)
            {
                continue;
            }
            var trial = (int[])input.Clone();
            trial[position] = replacement;
            Array.Sort(trial);
            var score = Score(trial);
            if (!Better(best, score))
            {
                (input, best) = (trial, score);
            }
        }
        return new Result(input, best.Share, best.Margin, evaluations, firstWrong);
    }

    /// <summary>
    /// <paramref name="count"/> searches, search k seeded with <paramref name="seed"/>.Derive(k), as a batch
    /// of their results with the truth attached and the evaluations they spent: what the pipeline scores.
    /// </summary>
    public static SampleBatch Batch(Network network, int budget, int firstSampleIndex, int count, Seed seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        var problem = network.Problem;
        var activeOffsets = new int[count + 1];
        var active = new List<int>(count * problem.Sparsity);
        var truthOffsets = new int[count + 1];
        var truth = new int[count * Math.Max(1, problem.MaxTrueOutputs)];
        long evaluations = 0;
        var scratch = new EvaluationScratch(network);
        for (var k = 0; k < count; k++)
        {
            var result = Search(network, budget, seed.Derive(k), scratch);
            evaluations += result.Evaluations;
            active.AddRange(result.Input);
            activeOffsets[k + 1] = active.Count;
            truthOffsets[k + 1] = truthOffsets[k] + problem.TrueOutputs(result.Input, truth.AsSpan(truthOffsets[k]));
        }
        return new SampleBatch(firstSampleIndex, activeOffsets, [.. active], truthOffsets, truth[..truthOffsets[count]]) { SearchEvaluations = evaluations };
    }

    /// <summary>The score of one input: the largest share of a false output's code above the threshold, then that output's largest margin.</summary>
    public static (double Share, double Margin) Evaluate(Network network, int[] input, EvaluationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        var problem = network.Problem;
        var truth = new int[Math.Max(1, problem.MaxTrueOutputs)];
        var trueOutputs = truth.AsSpan(0, problem.TrueOutputs(input, truth));
        // The representation baseline reads the true outputs, not the inputs.
        var activations = NetworkEvaluator.Activations(network, network.Input is InputStage.Targets ? trueOutputs : input, scratch);
        return network.Readout switch
        {
            Readout.Code code => CodeScore(code, activations, trueOutputs),
            Readout.Threshold threshold => ThresholdScore(threshold, activations, trueOutputs),
            var other => throw new UnreachableException($"read-out {other.GetType().Name} has no score"),
        };
    }

    private static (double Share, double Margin) CodeScore(Readout.Code readout, double[] activations, ReadOnlySpan<int> trueOutputs)
    {
        var (code, decoder) = (readout.OutputCode, readout.Decoder);
        var threshold = decoder.Threshold;
        var above = new Dictionary<int, int>();
        for (var neuron = 0; neuron < activations.Length; neuron++)
        {
            if (activations[neuron] > threshold)
            {
                foreach (var output in code.FeaturesOn(neuron))
                {
                    above[output] = above.GetValueOrDefault(output) + 1;
                }
            }
        }
        var share = 0.0;
        var candidates = new List<int>();
        foreach (var (output, count) in above)
        {
            if (trueOutputs.BinarySearch(output) >= 0 || code.Width(output) == 0)
            {
                continue;
            }
            var outputShare = (double)count / code.Width(output);
            if (outputShare > share)
            {
                (share, candidates) = (outputShare, [output]);
            }
            else if (outputShare == share)
            {
                candidates.Add(output);
            }
        }
        // With no code neuron above the threshold the score is (0, −threshold) by convention. Otherwise the
        // best candidate's margin, which a linear last layer (negative activations) can put below −threshold.
        if (candidates.Count == 0)
        {
            return (share, -threshold);
        }
        var margin = double.NegativeInfinity;
        foreach (var output in candidates)
        {
            double[] support = [.. code.Support(output).ToArray().Select(neuron => activations[neuron])];
            margin = Math.Max(margin, decoder.Margin(support));
        }
        return (share, margin);
    }

    /// <summary>A threshold read-out reads each output from one unit: its share is 1 when that unit is above θ_e, and its margin is the value minus θ_e.</summary>
    private static (double Share, double Margin) ThresholdScore(Readout.Threshold readout, double[] activations, ReadOnlySpan<int> trueOutputs)
    {
        var best = (Share: 0.0, Margin: double.NegativeInfinity);
        for (var output = 0; output < readout.Thresholds.Length; output++)
        {
            if (trueOutputs.BinarySearch(output) >= 0)
            {
                continue;
            }
            var margin = activations[output] - readout.Thresholds[output];
            var candidate = (Share: margin > 0 ? 1.0 : 0.0, Margin: margin);
            if (Better(candidate, best))
            {
                best = candidate;
            }
        }
        return best;
    }

    private static bool Better((double Share, double Margin) a, (double Share, double Margin) b) =>
        a.Share > b.Share || (a.Share == b.Share && a.Margin > b.Margin);
}
