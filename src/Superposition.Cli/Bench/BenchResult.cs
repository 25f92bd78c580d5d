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
    long WrongSamples);
