namespace Superposition.Sweeps;

/// <summary>
/// A rough upper estimate of the memory one case needs, split by lifetime, so the command line can
/// refuse a sweep that would exhaust the machine before it spends hours getting there.
/// Computed by <see cref="MemoryEstimates"/>; the model is in docs/spec-format.md.
/// </summary>
/// <param name="ProblemBytes">The problem instance (pair set with its adjacency, or the permutation) and its generation.</param>
/// <param name="NetworkBytes">The network (codes in both directions, compute matrix, biases) plus what building and counting it allocate on the way.</param>
/// <param name="ScratchBytesPerWorker">Evaluation scratch, once per worker evaluating the case in parallel.</param>
public sealed record MemoryEstimate(long ProblemBytes, long NetworkBytes, long ScratchBytesPerWorker)
{
    /// <summary>Peak bytes with <paramref name="workers"/> evaluating batches of the case at once.</summary>
    public long PeakBytes(int workers)
    {
        var total = (double)ProblemBytes + NetworkBytes + ((double)Math.Max(1, workers) * ScratchBytesPerWorker);
        return total >= long.MaxValue ? long.MaxValue : (long)total;
    }
}
