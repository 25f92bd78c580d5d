namespace Superposition.Sweeps;

/// <summary>
/// The stable id of a case: the first 12 hex characters of SHA-256 of its canonical text (see
/// <see cref="SweepExpansion"/>), so it names what a case is, not where it sits in a sweep. A type of
/// its own so it cannot be mixed up with the other strings a run carries (sweep, construction, names).
/// </summary>
public readonly record struct CaseId
{
    public CaseId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
