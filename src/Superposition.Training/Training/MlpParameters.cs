namespace Superposition.Training;

/// <summary>
/// The parameters of x ↦ W2·ReLU(W1·x + b1) + b2 in one flat array, laid out as W1 (hidden × inputs,
/// row-major), b1, W2 stored by hidden unit (hidden × outputs: entry [u, e] is W2[e, u], so one unit's
/// weights to every output are contiguous), b2, so that Adam and the finite-difference check walk them in
/// one fixed order.
/// </summary>
public sealed record MlpParameters(int InputCount, int HiddenWidth, int OutputCount, double[] Values)
{
    public const int W1Offset = 0;

    public int B1Offset => HiddenWidth * InputCount;

    public int W2Offset => B1Offset + HiddenWidth;

    public int B2Offset => W2Offset + (OutputCount * HiddenWidth);

    public static int Length(int inputCount, int hiddenWidth, int outputCount) =>
        checked((hiddenWidth * inputCount) + hiddenWidth + (outputCount * hiddenWidth) + outputCount);

    public ReadOnlySpan<double> W1 => Values.AsSpan(W1Offset, B1Offset - W1Offset);

    public ReadOnlySpan<double> B1 => Values.AsSpan(B1Offset, HiddenWidth);

    public ReadOnlySpan<double> W2 => Values.AsSpan(W2Offset, B2Offset - W2Offset);

    public ReadOnlySpan<double> B2 => Values.AsSpan(B2Offset, OutputCount);

    /// <summary>W2[e, u], the weight from hidden unit u to output e.</summary>
    public double OutputWeight(int output, int unit) => Values[W2Offset + (unit * OutputCount) + output];

    public MlpParameters Copy() => this with { Values = (double[])Values.Clone() };
}
