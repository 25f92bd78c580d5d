using Superposition.Codes;

namespace Superposition.Evaluation;

/// <summary>
/// k-of-w decoding in the kernel: an output needs k positive neurons to rise above the floor, so walk
/// the reverse index counting positive neurons per output, and take the k-th largest positive activation
/// only for outputs that have at least k (the others read at the floor, as the reference's zero-padded
/// k-th largest does).
/// </summary>
internal readonly struct KOfWKernel : IDecodeKernel
{
    public static int Collect(Code code, EvaluationScratch scratch, int positive, int generation) =>
        ReachedOutputs.Collect(code, scratch, positive, generation);

    public static double Margin(Code code, EvaluationScratch scratch, int output, double threshold, int k)
    {
        if (scratch.PositiveCounts[output] < k)
        {
            return 0.0 - threshold;
        }
        var positive = scratch.SupportActivations.AsSpan(0, scratch.PositiveCounts[output]);
        var count = 0;
        foreach (var neuron in code.Support(output))
        {
            if (scratch.PositiveStamp[neuron] == scratch.Generation)
            {
                positive[count++] = scratch.Activations[neuron];
            }
        }
        positive.Sort();
        return positive[^k] - threshold;
    }
}
