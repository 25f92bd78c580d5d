using System.Collections.Immutable;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// What an exported network computes for one input, worked out from the file alone
/// (<see cref="NetworkExport.Evaluate"/>): the read-out layer's activations and the decoded outputs.
/// Kept apart from Core's evaluators so that agreeing with them proves the file is self-sufficient.
/// </summary>
/// <param name="Activations">z, one per output-layer neuron.</param>
/// <param name="Decoded">The outputs read as 1, ascending.</param>
public sealed record FileEvaluation(ImmutableArray<double> Activations, ImmutableArray<int> Decoded);
