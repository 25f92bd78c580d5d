using Superposition.Evaluation;
using Superposition.Networks;

namespace Superposition.Core.Tests;

/// <summary>One input pushed through the production evaluator, with its truth: what the invariants inspect.</summary>
internal sealed record Probe(int[] Active, int[] Truth, int[] Decoded, double MinTrueMargin, double MaxFalseMargin)
{
    /// <summary>Evaluates <paramref name="active"/> (ascending) on <paramref name="network"/> with the factored evaluator.</summary>
    public static Probe Of(Network network, EvaluationScratch scratch, int[] active)
    {
        var problem = network.Problem;
        var truth = new int[Math.Max(problem.MaxTrueOutputs, active.Length)];
        var trueCount = problem.TrueOutputs(active, truth);
        truth = truth[..trueCount];
        var features = network.InputEncoding == InputEncoding.Targets ? truth : active;
        var count = FactoredEvaluator.EvaluateSample(network, features, truth, scratch, out var minTrue, out var maxFalse);
        return new Probe(active, truth, scratch.Decoded[..count], minTrue, maxFalse);
    }

    public IEnumerable<int> FalseNegatives => Truth.Except(Decoded);

    public IEnumerable<int> FalsePositives => Decoded.Except(Truth);

    public override string ToString() =>
        $"active {{{string.Join(", ", Active)}}}: true {{{string.Join(", ", Truth)}}}, decoded {{{string.Join(", ", Decoded)}}}, margins ({MinTrueMargin}, {MaxFalseMargin})";
}
