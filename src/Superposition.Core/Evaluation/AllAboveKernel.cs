using Superposition.Codes;

namespace Superposition.Evaluation;

/// <summary>
/// All-above decoding in the kernel: only an output whose every neuron is positive can read 1 or have a
/// margin above the floor, so visit each positive neuron's anchored outputs (<see cref="Code.AnchoredOn"/>),
/// skip those whose witness is not positive, and keep those whose whole support is positive (early exit
/// on the first neuron that is not). The margin is then the smallest activation, found on the way.
/// </summary>
internal readonly struct AllAboveKernel : IDecodeKernel
{
    public static int Collect(Code code, EvaluationScratch scratch, int positive, int generation)
    {
        var touched = 0;
        foreach (var neuron in scratch.PositiveNeurons.AsSpan(0, positive))
        {
            var anchored = code.AnchoredOn(neuron);
            var witnesses = code.WitnessesOn(neuron);
            for (var k = 0; k < anchored.Length; k++)
            {
                if (scratch.PositiveStamp[witnesses[k]] != generation)
                {
                    continue;
                }
                var output = anchored[k];
                var minimum = double.PositiveInfinity;
                var complete = true;
                foreach (var member in code.Support(output))
                {
                    if (scratch.PositiveStamp[member] != generation)
                    {
                        complete = false;
                        break;
                    }
                    minimum = Math.Min(minimum, scratch.Activations[member]);
                }
                if (complete)
                {
                    scratch.OutputStamp[output] = generation;
                    scratch.MinActivation[output] = minimum;
                    scratch.TouchedOutputs[touched++] = output;
                }
            }
        }
        return touched;
    }

    /// <summary>Collected outputs are complete and non-empty, so the margin is their smallest activation minus γ.</summary>
    public static double Margin(Code code, EvaluationScratch scratch, int output, double threshold, int k) =>
        scratch.MinActivation[output] - threshold;
}
