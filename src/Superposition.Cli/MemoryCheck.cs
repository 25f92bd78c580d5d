using System.Globalization;
using Superposition.Sweeps;

namespace Superposition.Cli;

/// <summary>
/// Refuses a sweep whose largest run would not fit in memory, before it spends hours on the runs that do.
/// Compares <see cref="MemoryEstimates.Largest"/> with what the runtime may use
/// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>, which honours container limits).
/// </summary>
internal static class MemoryCheck
{
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// The error to print when the largest estimated peak exceeds <paramref name="availableBytes"/>; null when it
    /// fits. The peak is the largest run's network and scratch with the previous run's (the runner builds
    /// the next network while the last is evaluated), plus the batch buffers of every worker's batches
    /// in flight, plus (with <paramref name="keepSamples"/>) the samples a run keeps until written.
    /// </summary>
    public static string? Problem(IEnumerable<RunCase> runs, int workers, long availableBytes, bool keepSamples = false) =>
        Problem(MemoryTally.Of(runs, workers, keepSamples), availableBytes);

    /// <summary>As the other overload, from figures gathered while the runs streamed by.</summary>
    public static string? Problem(MemoryTally tally, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(tally);
        if (availableBytes <= 0 || tally.Largest is not { } largest || tally.PeakBytes <= availableBytes)
        {
            return null;
        }
        var workers = tally.Workers;
        return $"the largest run needs an estimated {Bytes(tally.PeakBytes)} at its peak ({Describe(largest.Run)}{Previous(tally)}, {workers} worker{(workers == 1 ? "" : "s")}"
            + (tally.BufferBytes > 0 ? $"; {Bytes(tally.BufferBytes)} of it batches in flight{(tally.KeepSamples ? " and samples kept for samples.parquet" : "")}" : "")
            + $"), more than the {Bytes(availableBytes)} this process may use; nothing was run or written. "
            + "Make the largest case (or its batch_size, or its samples with --samples) smaller or split it off (the model is in docs/spec-format.md, \"Memory estimate\").";
    }

    /// <summary>One line for `plan`: the largest estimated peak and the limit.</summary>
    public static string Summary(MemoryTally tally, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return tally.Largest is { } largest
            ? $"largest estimated peak memory: {Bytes(tally.PeakBytes)} ({Describe(largest.Run)}{Previous(tally)}, {tally.Workers} workers, batches in flight included) of {Bytes(availableBytes)} available"
            : "no runs, so no memory to estimate";
    }

    /// <summary>Decimal units with three significant digits: "512 B", "18.4 MB", "340 GB".</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 999.5 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return (unit == 0 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString(value < 9.995 ? "0.00" : value < 99.95 ? "0.0" : "0", CultureInfo.InvariantCulture)) + " " + units[unit];
    }

    private static string Previous(MemoryTally tally) => tally.LargestHoldsPrevious ? ", built while the run before it is evaluated" : "";

    private static string Describe(RunCase run) =>
        $"case {run.CaseId}: {run.ConstructionName}, m = {run.Problem.InputCount}, m' = {run.Problem.OutputCount}, s = {run.Problem.Sparsity}";
}
