namespace Superposition.Sweeps;

/// <summary>
/// Identifies one (case, replicate) of a sweep across processes: the journal records finished runs by this
/// key, so a resumed run skips exactly them whatever their position in the expansion.
/// </summary>
public readonly record struct RunKey(CaseId CaseId, int Replicate)
{
    public override string ToString() => $"{CaseId}/{Replicate}";
}
