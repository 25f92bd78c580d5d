namespace Superposition.Datasets.Paths;

/// <summary>
/// A path the run would write is a symbolic link, or a file where a directory belongs (or the reverse):
/// following it could write or delete outside the dataset directory, so nothing is done there.
/// </summary>
public sealed class UnsafePathException(string message) : IOException(message);
