namespace Superposition.Cli.Bench;

/// <summary>What one shape measured, in one process of its own (so peak memory is that shape's).</summary>
/// <remarks><c>BitmapSeconds</c> is the part of <c>BuildSeconds</c> spent making W's bitmaps (0 without them).</remarks>
internal sealed record BenchResult(
    string Shape,
    string InputEncoding,
    long Neurons,
    long WeightCount,
    double BuildSeconds,
    double PeakMemoryGigabytes,
    long Samples,
    int Workers,
    double SamplesPerSecond,
    double TouchedPerSample,
    double TouchedPerSecond,
    double ScatterRatePerCore,
    long WrongSamples,
    string Kernel,
    double BatchedFraction,
    double BitmapFraction,
    double BitmapSeconds)
{
    /// <summary>
    /// Touched entries per second and worker: the kernel's own scatter rate. Entries of M for the scatter
    /// and the batched pass; for a sample the bitmap pass takes, the entries of W its count covers (the
    /// additions a scatter through W would make, at most the scatter's entries of M).
    /// </summary>
    public double TouchedPerSecondPerCore => TouchedPerSecond / Workers;

    /// <summary>The kernel's scatter rate as a fraction of the machine's measured random-scatter rate.</summary>
    public double ScatterFraction => TouchedPerSecondPerCore / ScatterRatePerCore;
}
