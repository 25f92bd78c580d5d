namespace Superposition.Evaluation;

/// <summary>
/// What a network decoded for each sample of a batch, flat: sample k's decoded outputs are
/// Decoded[DecodedOffsets[k] .. DecodedOffsets[k+1]] (ascending). Margins are measured against the
/// decode threshold: positive means read as 1. MinTrueMargin is +∞ for a sample without true outputs;
/// MaxFalseMargin is −∞ when every output is true.
/// </summary>
public sealed record BatchOutcome(int[] DecodedOffsets, int[] Decoded, double[] MinTrueMargin, double[] MaxFalseMargin)
{
    public int Count => DecodedOffsets.Length - 1;

    public ReadOnlySpan<int> DecodedOutputs(int sample) => Decoded.AsSpan(DecodedOffsets[sample], DecodedOffsets[sample + 1] - DecodedOffsets[sample]);
}
