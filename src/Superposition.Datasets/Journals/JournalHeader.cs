namespace Superposition.Datasets.Journals;

/// <summary>
/// What a journal belongs to, written once when it is created. `run --resume` compares it with the run it
/// is asked to continue, so rows of different specs, options or tool versions never end up in one dataset.
/// </summary>
/// <param name="Part">The shard's part name (<c>shard-0-of-3</c>), or null for a whole sweep.</param>
/// <param name="Samples">Whether the run writes samples.parquet: every entry then holds its samples.</param>
/// <param name="StartedAt">When the first attempt started; the manifest's <c>started_at</c>.</param>
/// <param name="Runs">How many runs the journal's run covers (informative).</param>
public sealed record JournalHeader(string Sweep, string SpecHash, string? Part, bool Samples, string ToolVersion, DateTimeOffset StartedAt, int Runs);
