using System.Collections.Immutable;
using Superposition.Inputs;
using Superposition.Problems;
using Superposition.Statistics;

namespace Superposition.Evaluation;

/// <summary>Compares decoded outputs with the truth: false positives and negatives per sample.</summary>
public static class Scoring
{
    /// <summary>The batch's statistics (and, when asked, one <see cref="SampleOutcome"/> per sample); <paramref name="problem"/> tells which false positives read an active input.</summary>
    public static (ErrorStatistics Statistics, ImmutableArray<SampleOutcome> Samples) Score(Problem problem, SampleBatch batch, BatchOutcome outcome, bool keepSamples)
    {
        var statistics = ErrorStatistics.Empty with { SearchEvaluations = batch.SearchEvaluations };
        var samples = keepSamples ? ImmutableArray.CreateBuilder<SampleOutcome>(batch.Count) : null;
        var falsePositives = new List<int>();
        var falseNegatives = new List<int>();
        var worst = -1;
        var wrong = new List<InputWitnesses.Witness>();
        for (var k = 0; k < batch.Count; k++)
        {
            var truth = batch.Truth(k);
            Difference(outcome.DecodedOutputs(k), truth, falsePositives, falseNegatives);
            var active = batch.Active(k);
            var sharing = 0;
            foreach (var output in falsePositives)
            {
                sharing += problem.SharesActiveInput(output, active) ? 1 : 0;
            }
            statistics = statistics.Add(truth.Length, falsePositives.Count, falseNegatives.Count, sharing, outcome.MinTrueMargin[k], outcome.MaxFalseMargin[k]);
            // Samples come in index order, so a strictly larger margin is the witnesses' tie rule (smaller index first).
            if (worst < 0 || outcome.MaxFalseMargin[k].CompareTo(outcome.MaxFalseMargin[worst]) > 0)
            {
                worst = k;
            }
            if ((falsePositives.Count > 0 || falseNegatives.Count > 0) && wrong.Count < InputWitnesses.Cap)
            {
                wrong.Add(new InputWitnesses.Witness(batch.FirstSampleIndex + k, [.. active]));
            }
            samples?.Add(new SampleOutcome(batch.FirstSampleIndex + k, [.. active], truth.Length, [.. falsePositives], [.. falseNegatives]));
        }
        if (worst >= 0)
        {
            statistics = statistics.WithWitnesses(InputWitnesses.Create(batch.FirstSampleIndex + worst, outcome.MaxFalseMargin[worst], [.. batch.Active(worst)], wrong));
        }
        return (statistics, samples?.ToImmutable() ?? []);
    }

    /// <summary>Merges two ascending lists: what only <paramref name="decoded"/> has, and what only <paramref name="truth"/> has.</summary>
    private static void Difference(ReadOnlySpan<int> decoded, ReadOnlySpan<int> truth, List<int> onlyDecoded, List<int> onlyTruth)
    {
        onlyDecoded.Clear();
        onlyTruth.Clear();
        int a = 0, b = 0;
        while (a < decoded.Length || b < truth.Length)
        {
            if (b == truth.Length || (a < decoded.Length && decoded[a] < truth[b]))
            {
                onlyDecoded.Add(decoded[a++]);
            }
            else if (a == decoded.Length || truth[b] < decoded[a])
            {
                onlyTruth.Add(truth[b++]);
            }
            else
            {
                a++;
                b++;
            }
        }
    }
}
