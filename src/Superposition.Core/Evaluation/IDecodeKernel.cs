using Superposition.Codes;

namespace Superposition.Evaluation;

/// <summary>
/// A decoder specialised into the factored kernel: a struct implements it and the JIT compiles one copy
/// of the sample loop per struct, so the decode step costs no virtual call (the technique of
/// <c>TensorPrimitives</c>' operators). Each implementation must agree with its
/// <see cref="Decoding.Decoder"/> case, which the invariant suite checks against the dense reference.
/// </summary>
internal interface IDecodeKernel
{
    /// <summary>
    /// From the positive neurons of the current sample, lists in scratch.TouchedOutputs (stamped with
    /// <paramref name="generation"/>) every output whose margin can exceed the floor 0 − threshold, and
    /// returns how many. Outputs left out read at the floor.
    /// </summary>
    static abstract int Collect(Code code, EvaluationScratch scratch, int positive, int generation);

    /// <summary>The margin of a collected output, equal to the decoder's reference margin.</summary>
    static abstract double Margin(Code code, EvaluationScratch scratch, int output, double threshold, int k);
}
