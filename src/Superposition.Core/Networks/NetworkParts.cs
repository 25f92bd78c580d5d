using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Decoding;

namespace Superposition.Networks;

/// <summary>
/// What a construction draws, by name: the parts of a <see cref="Network"/> before
/// <see cref="Network.Create(string, Constructions.ConstructionParameters, Problems.Problem, Randomness.Seed, NetworkParts)"/> checks them and counts their resources. Constructions return this from
/// their build; the definition adds the provenance (name, parameters, problem, seed).
/// </summary>
public sealed record NetworkParts
{
    public required InputEncoding InputEncoding { get; init; }

    /// <summary>Dec: input features over input neurons. For <see cref="InputEncoding.Targets"/>, the output code.</summary>
    public required Code InputCode { get; init; }

    /// <summary>M: output neurons × input features; null when the network computes nothing.</summary>
    public ComputeMatrix? Compute { get; init; }

    /// <summary>One bias per output-layer neuron, every one negative; empty without a compute layer.</summary>
    public ImmutableArray<double> Biases { get; init; } = [];

    public required Code OutputCode { get; init; }

    public required Decoder Decoder { get; init; }

    /// <summary>Named ranges of output-layer neurons (channel R, blocks), disjoint and in order.</summary>
    public required ImmutableArray<NeuronSegment> Layout { get; init; }
}
