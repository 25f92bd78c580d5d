namespace Superposition.Evaluation;

/// <summary>The factored evaluator's two forward passes; both exact, they differ only in speed.</summary>
public enum ForwardKernel
{
    /// <summary>Per 64 samples, the pass with the smaller expected work.</summary>
    Auto,

    /// <summary>Each sample scatters its counts through the columns of M it touches.</summary>
    Scatter,

    /// <summary>64 samples at a time pass once over the rows of M (throws where it does not apply).</summary>
    Batched,
}
