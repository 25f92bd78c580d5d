using System.Collections.Immutable;

namespace Superposition.Rows;

/// <summary>The provenance of a dataset, written as manifest.json beside the Parquet files.</summary>
public sealed record RunManifest(
    string Sweep,
    string SpecText,
    string SpecHash,
    string ToolVersion,
    string GitCommit,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    ImmutableArray<CaseStatus> Cases);

/// <summary>The outcome of one (case, replicate) in the manifest.</summary>
public sealed record CaseStatus(string CaseId, int Replicate, string Status, string? Error);
