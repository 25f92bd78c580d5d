using Superposition.Sweeps;

namespace Superposition.Cli;

/// <summary>
/// The memory figures of a stream of runs, gathered in one pass with constant memory (so `plan` of a
/// million runs holds none of them): the run with the largest estimated peak (network and scratch, for
/// <c>workers</c> workers) and the largest buffers any run's batches in flight take, plus (with
/// <c>keepSamples</c>) the samples it keeps until they are written. The runner builds a run's network
/// while the run before it is still evaluated, so a run's peak includes the previous run's.
/// </summary>
internal sealed class MemoryTally(int workers, bool keepSamples)
{
    private CaseId? lastCaseId;

    private long lastPeak;

    private long previousPeak = -1;

    public int Workers { get; } = Math.Max(1, workers);

    public bool KeepSamples { get; } = keepSamples;

    /// <summary>The run with the largest estimated peak (with the run before it held, where there is one), or null before the first run.</summary>
    public (RunCase Run, long PeakBytes)? Largest { get; private set; }

    /// <summary>Whether <see cref="Largest"/>'s peak holds the run before it too.</summary>
    public bool LargestHoldsPrevious { get; private set; }

    /// <summary>The largest batch buffers (and kept samples) of any run.</summary>
    public long BufferBytes { get; private set; }

    /// <summary>What the largest run and the largest buffers need together (saturating).</summary>
    public long PeakBytes => Largest is { } largest ? Sum(largest.PeakBytes, BufferBytes) : BufferBytes;

    public static MemoryTally Of(IEnumerable<RunCase> runs, int workers, bool keepSamples)
    {
        var tally = new MemoryTally(workers, keepSamples);
        foreach (var run in runs)
        {
            tally.Add(run);
        }
        return tally;
    }

    public void Add(RunCase run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Replicates of a case are consecutive and build networks of one size: estimate each case once.
        if (run.CaseId != lastCaseId)
        {
            lastCaseId = run.CaseId;
            lastPeak = MemoryEstimates.Of(run).PeakBytes(Workers);
        }
        // Every run after the first is built while the one before it is evaluated, replicates included.
        var peak = previousPeak < 0 ? lastPeak : Sum(previousPeak, lastPeak);
        if (Largest is not { } current || peak > current.PeakBytes)
        {
            Largest = (run, peak);
            LargestHoldsPrevious = previousPeak >= 0;
        }
        previousPeak = lastPeak;
        var inFlight = Product(EvaluationLimits.BatchBytes(run.Problem, Math.Min(run.BatchSize, run.Samples)), (long)EvaluationLimits.BatchesInFlightPerWorker * Workers);
        BufferBytes = Math.Max(BufferBytes, KeepSamples ? Sum(inFlight, EvaluationLimits.KeptSampleBytes(run.Problem, run.Samples)) : inFlight);
    }

    private static long Product(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    private static long Sum(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
