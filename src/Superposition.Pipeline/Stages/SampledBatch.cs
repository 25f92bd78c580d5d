using Superposition.Inputs;

namespace Superposition.Pipeline.Stages;

/// <summary>A sampled batch, with the time sampling took.</summary>
public sealed record SampledBatch(Built.Ok Case, int BatchIndex, SampleBatch Samples, double Seconds);
