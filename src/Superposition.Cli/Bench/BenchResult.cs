namespace Superposition.Cli.Bench;

/// <summary>What one shape measured, in one process of its own (so peak memory is that shape's).</summary>
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
    double BatchedFraction)
{
    /// <summary>Touched entries of M per second and worker: the kernel's own scatter rate.</summary>
    public double TouchedPerSecondPerCore => TouchedPerSecond / Workers;

    /// <summary>The kernel's scatter rate as a fraction of the machine's measured random-scatter rate.</summary>
    public double ScatterFraction => TouchedPerSecondPerCore / ScatterRatePerCore;
}
