namespace Superposition.Inputs;

/// <summary>
/// A batch of sparse inputs and their true outputs, flat: sample k's active inputs are
/// ActiveInputs[ActiveOffsets[k] .. ActiveOffsets[k+1]] (ascending), likewise its true outputs.
/// </summary>
public sealed record SampleBatch(int FirstSampleIndex, int[] ActiveOffsets, int[] ActiveInputs, int[] TruthOffsets, int[] TruthOutputs)
{
    public int Count => ActiveOffsets.Length - 1;

    /// <summary>Network evaluations spent finding these inputs (adversarial search); 0 for drawn or enumerated inputs.</summary>
    public long SearchEvaluations { get; init; }

    public ReadOnlySpan<int> Active(int sample) => ActiveInputs.AsSpan(ActiveOffsets[sample], ActiveOffsets[sample + 1] - ActiveOffsets[sample]);

    public ReadOnlySpan<int> Truth(int sample) => TruthOutputs.AsSpan(TruthOffsets[sample], TruthOffsets[sample + 1] - TruthOffsets[sample]);
}
