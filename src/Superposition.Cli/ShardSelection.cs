using System.Globalization;
using System.Text.RegularExpressions;
using Superposition.Sweeps;

namespace Superposition.Cli;

/// <summary>
/// <c>--shard i/N</c>: the runs whose <see cref="SweepExpansion.ShardOf"/> is i. N jobs of a batch scheduler
/// (a Slurm array, a Kubernetes indexed Job) cover a sweep exactly once between them, each writing its own
/// part files (<see cref="Part"/>) into the shared dataset directory, read back together with a glob.
/// </summary>
internal sealed partial record ShardSelection(int Index, int Count)
{
    /// <summary>More shards than this would leave most of them empty for any sweep the parser accepts.</summary>
    public const int MaxCount = 100_000;

    /// <summary>The part name in the shard's file names: <c>cases-shard-0-of-3.parquet</c>.</summary>
    public string Part => string.Create(CultureInfo.InvariantCulture, $"shard-{Index}-of-{Count}");

    public bool Contains(RunCase run) => SweepExpansion.ShardOf(run.CaseId.Value, run.Replicate, Count) == Index;

    /// <summary>Parses "i/N" (0-based i &lt; N); the error says what was expected.</summary>
    public static (ShardSelection? Shard, string? Error) Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return (null, $"--shard must be i/N with whole numbers, 0 ≤ i < N (for example 0/4), got '{text}'");
        }
        var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var count = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (count < 1 || count > MaxCount)
        {
            return (null, $"--shard {text}: the number of shards N must be between 1 and {MaxCount}, got {count}");
        }
        if (index >= count)
        {
            return (null, $"--shard {text}: i counts from 0 and must be below N, so the shards of {count} are 0/{count} to {count - 1}/{count}");
        }
        return (new ShardSelection(index, count), null);
    }

    // \z, not $, which also matches before a final newline.
    [GeneratedRegex("\\A([0-9]{1,9})/([0-9]{1,9})\\z")]
    private static partial Regex Pattern();
}
