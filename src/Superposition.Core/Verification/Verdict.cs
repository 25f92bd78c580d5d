namespace Superposition.Verification;

/// <summary>The outcome of one verification check.</summary>
public enum Verdict
{
    /// <summary>The check held.</summary>
    Pass,

    /// <summary>The check failed: the network does not do what it (or its file) claims.</summary>
    Fail,

    /// <summary>A measurement with nothing claimed to compare it with.</summary>
    Measured,

    /// <summary>Not run (for example an exhaustive check over too many inputs), with the reason.</summary>
    Skipped,
}
