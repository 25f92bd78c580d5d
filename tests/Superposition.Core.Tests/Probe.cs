using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;

namespace Superposition.Core.Tests;

/// <summary>One input pushed through the production evaluator, with its truth: what the invariants inspect.</summary>
internal sealed record Probe(int[] Active, int[] Truth, int[] Decoded, double MinTrueMargin, double MaxFalseMargin)
{
    /// <summary>Evaluates <paramref name="active"/> (ascending) on <paramref name="network"/> with the product's evaluator (factored or layered, by shape).</summary>
    public static Probe Of(Network network, EvaluationScratch scratch, int[] active)
    {
        var problem = network.Problem;
        var truth = new int[Math.Max(problem.MaxTrueOutputs, active.Length)];
        var trueCount = problem.TrueOutputs(active, truth);
        truth = truth[..trueCount];
        var outcome = NetworkEvaluator.Evaluate(network, new SampleBatch(0, [0, active.Length], active, [0, truth.Length], truth), scratch);
        return new Probe(active, truth, outcome.DecodedOutputs(0).ToArray(), outcome.MinTrueMargin[0], outcome.MaxFalseMargin[0]);
    }

    public IEnumerable<int> FalseNegatives => Truth.Except(Decoded);

    public IEnumerable<int> FalsePositives => Decoded.Except(Truth);

    public override string ToString() =>
        $"active {{{string.Join(", ", Active)}}}: true {{{string.Join(", ", Truth)}}}, decoded {{{string.Join(", ", Decoded)}}}, margins ({MinTrueMargin}, {MaxFalseMargin})";
}
