namespace Superposition.Evaluation;

/// <summary>The factored evaluator's forward passes; all exact, they differ only in speed.</summary>
public enum ForwardKernel
{
    /// <summary>Per sample (or per 64 samples for the batched pass), the pass with the smaller expected work.</summary>
    Auto,

    /// <summary>Each sample scatters its counts through the columns of M it touches.</summary>
    Scatter,

    /// <summary>64 samples at a time pass once over the rows of M (throws where it does not apply).</summary>
    Batched,

    /// <summary>
    /// Each sample counts the set bits of W's columns for its set input neurons, 512 neurons at a time in
    /// bit planes. Throws where the network has no such bitmaps (inputs not superposed, no AVX-512, or
    /// bitmaps over the memory budget); a sample whose sums could pass a byte is scattered (<see cref="EvaluationScratch.BitmapSamples"/> counts the others).
    /// </summary>
    Bitmap,
}
