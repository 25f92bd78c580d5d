namespace Superposition.Datasets.Manifests;

/// <summary>One file a commit produced: its name in the dataset directory, its table and its row count.</summary>
internal sealed record ManifestFile(string Name, string Table, long Rows);
