namespace Superposition.Validation;

/// <summary>One problem found in a specification: where it is (a JSON-style path) and what is wrong.</summary>
public sealed record SpecError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
