namespace Superposition.Datasets.Journals;

/// <summary>
/// An existing journal as found on disk, before anything is opened or changed, so the command line can
/// decide whether to resume it, refuse, or start afresh: its header (null when unusable, with the reason in
/// <paramref name="HeaderProblem"/>) and how many runs it has finished.
/// </summary>
public sealed record JournalState(string Directory, JournalHeader? Header, int FinishedRuns, string? HeaderProblem = null);
