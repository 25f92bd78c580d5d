namespace Superposition.Rows;

/// <summary>
/// Where a run's rows go. The pipeline calls <see cref="WriteAsync"/> once per (case, replicate), in case
/// order, then <see cref="CommitAsync"/> once when every case is in. Until the commit nothing a reader
/// would take as complete exists; disposing without a commit (a fault, a cancellation) removes what was
/// written so far. Implemented by the Parquet sink in Superposition.Datasets and by in-memory sinks in tests.
/// </summary>
public interface IDatasetSink : IAsyncDisposable
{
    ValueTask WriteAsync(CaseRow row, IReadOnlyList<SampleRow> samples, CancellationToken cancellationToken);

    ValueTask CommitAsync(RunManifest manifest, CancellationToken cancellationToken);
}
