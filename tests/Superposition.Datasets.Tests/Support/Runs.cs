using Superposition.Rows;

namespace Superposition.Datasets.Tests.Support;

/// <summary>Drives a sink the way the pipeline does: one WriteAsync per case, then one CommitAsync.</summary>
public static class Runs
{
    /// <summary>Upper bound for any one test's I/O, so a hang fails instead of stalling the run.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(60);

    public static async Task CommitAsync(string directory, IReadOnlyList<CaseWithSamples> writes, bool writeSamples, string? part = null)
    {
        await using var sink = ParquetDatasetSink.Create(directory, writeSamples, part);
        foreach (var write in writes)
        {
            await sink.WriteAsync(write.Case, write.Samples, CancellationToken.None);
        }
        await sink.CommitAsync(ExampleRows.Manifest(writes.Select(write => write.Case)), CancellationToken.None);
    }

    public static Task CommitAsync(string directory, IEnumerable<CaseRow> rows, bool writeSamples = false, string? part = null) =>
        CommitAsync(directory, [.. rows.Select(row => new CaseWithSamples(row, writeSamples ? ExampleRows.SamplesOf(row) : []))], writeSamples, part);
}
