using System.Collections.Immutable;
using Superposition.Rows;

namespace Superposition.Datasets.Manifests;

/// <summary>
/// What manifest.json holds: the run's <see cref="RunManifest"/> flattened, the layout version, and the
/// files the commit produced and its generation (so a reader can tell a complete dataset from leftovers and from a mix). Property order is
/// the key order in the file; the per-case list comes last because it is the long part.
/// </summary>
internal sealed record ManifestDocument(
    string SchemaVersion,
    string Generation,
    string Sweep,
    string SpecHash,
    string ToolVersion,
    string GitCommit,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    ImmutableArray<ManifestFile> Files,
    string SpecText,
    ImmutableArray<CaseStatus> Cases)
{
    public static ManifestDocument From(RunManifest manifest, string generation, ImmutableArray<ManifestFile> files) => new(
        DatasetSchema.Version,
        generation,
        manifest.Sweep,
        manifest.SpecHash,
        manifest.ToolVersion,
        manifest.GitCommit,
        manifest.StartedAt,
        manifest.FinishedAt,
        files,
        manifest.SpecText,
        manifest.Cases.IsDefault ? [] : manifest.Cases);
}
