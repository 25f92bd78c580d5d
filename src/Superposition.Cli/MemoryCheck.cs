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

    /// <summary>The error to print when the largest estimated peak exceeds <paramref name="availableBytes"/>; null when it fits.</summary>
    public static string? Problem(IEnumerable<RunCase> runs, int workers, long availableBytes)
    {
        if (availableBytes <= 0 || MemoryEstimates.Largest(runs, workers) is not { } largest || largest.PeakBytes <= availableBytes)
        {
            return null;
        }
        return $"the largest run needs an estimated {Bytes(largest.PeakBytes)} at its peak ({Describe(largest.Run)}, {workers} worker{(workers == 1 ? "" : "s")}), "
            + $"more than the {Bytes(availableBytes)} this process may use; nothing was run or written. "
            + "Make the largest case smaller or split it off (the model is in docs/spec-format.md, \"Memory estimate\").";
    }

    /// <summary>One line for `plan`: the largest estimated peak and the limit.</summary>
    public static string Summary(IEnumerable<RunCase> runs, int workers, long availableBytes) =>
        MemoryEstimates.Largest(runs, workers) is { } largest
            ? $"largest estimated peak memory: {Bytes(largest.PeakBytes)} ({Describe(largest.Run)}, {workers} workers) of {Bytes(availableBytes)} available"
            : "no runs, so no memory to estimate";

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

    private static string Describe(RunCase run) =>
        $"case {run.CaseId}: {run.Construction}, m = {run.Problem.InputCount}, m' = {run.Problem.OutputCount}, s = {run.Problem.Sparsity}";
}
