using Superposition.Codes;

namespace Superposition.Evaluation;

/// <summary>
/// Mean-above decoding in the kernel: any output one positive neuron reaches can read 1, so walk the
/// full reverse index; the mean is then summed over the support in support order, as the reference
/// does, so the floating-point sum and the decision are identical to it.
/// </summary>
internal readonly struct MeanAboveKernel : IDecodeKernel
{
    public static int Collect(Code code, EvaluationScratch scratch, int positive, int generation) =>
        ReachedOutputs.Collect(code, scratch, positive, generation);

    public static double Margin(Code code, EvaluationScratch scratch, int output, double threshold, int k)
    {
        var support = code.Support(output);
        var sum = 0.0;
        foreach (var neuron in support)
        {
            sum += scratch.PositiveStamp[neuron] == scratch.Generation ? scratch.Activations[neuron] : 0.0;
        }
        return (sum / support.Length) - threshold;
    }
}
