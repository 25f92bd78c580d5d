namespace Superposition.Rows;

/// <summary>One row of samples.parquet (opt-in with --samples): one evaluated input of one (case, replicate).</summary>
public sealed class SampleRow
{
    /// <summary>The sweep, as in the cases row: case ids do not depend on the sweep, so (sweep, case_id, replicate) is the join key.</summary>
    public string Sweep { get; init; } = "";
    public string CaseId { get; init; } = "";
    public int Replicate { get; init; }
    public long SampleIndex { get; init; }
    public int[] ActiveInputs { get; init; } = [];
    public int TrueOutputCount { get; init; }
    public int[] FalsePositiveOutputs { get; init; } = [];
    public int[] FalseNegativeOutputs { get; init; } = [];
    public bool Correct { get; init; }
}
