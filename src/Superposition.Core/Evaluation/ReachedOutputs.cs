using Superposition.Codes;

namespace Superposition.Evaluation;

/// <summary>The collection step of decoders that any one positive neuron can move: every output on the reverse index, with its count of positive neurons.</summary>
internal static class ReachedOutputs
{
    public static int Collect(Code code, EvaluationScratch scratch, int positive, int generation)
    {
        var touched = 0;
        foreach (var neuron in scratch.PositiveNeurons.AsSpan(0, positive))
        {
            foreach (var output in code.FeaturesOn(neuron))
            {
                if (scratch.OutputStamp[output] != generation)
                {
                    scratch.OutputStamp[output] = generation;
                    scratch.PositiveCounts[output] = 0;
                    scratch.TouchedOutputs[touched++] = output;
                }
                scratch.PositiveCounts[output]++;
            }
        }
        return touched;
    }
}
