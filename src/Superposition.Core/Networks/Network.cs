using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Networks;

/// <summary>
/// An immutable one-layer network in factored form (docs/mathematics.md §4.4): input code (Dec), compute
/// matrix M, biases, output code and decode rule. W = M · Dec is never materialised; its exact size is
/// in <see cref="Resources"/>. The representation baseline has no compute layer: its neurons hold the
/// encoded true outputs directly (<see cref="InputEncoding.Targets"/>).
/// </summary>
public sealed record Network
{
    public required string Construction { get; init; }

    /// <summary>Every construction parameter with its effective value, for provenance.</summary>
    public required ConstructionParameters Parameters { get; init; }

    public required Problem Problem { get; init; }

    public required Seed Seed { get; init; }

    public required InputEncoding InputEncoding { get; init; }

    /// <summary>Dec: input features over input neurons. For <see cref="InputEncoding.Targets"/>, the output code.</summary>
    public required Code InputCode { get; init; }

    /// <summary>M: output neurons × input features; null when the network computes nothing.</summary>
    public required ComputeMatrix? Compute { get; init; }

    /// <summary>One bias per output-layer neuron, every one negative so untouched neurons stay at zero.</summary>
    public required ImmutableArray<double> Biases { get; init; }

    public required Code OutputCode { get; init; }

    public required DecodeRule DecodeRule { get; init; }

    /// <summary>γ for <see cref="DecodeRule.AllAbove"/>, θ for <see cref="DecodeRule.MeanAbove"/>.</summary>
    public required double DecodeThreshold { get; init; }

    /// <summary>Named ranges of output-layer neurons (channel R, blocks), disjoint and in order.</summary>
    public required ImmutableArray<NeuronSegment> Layout { get; init; }

    /// <summary>Exact resource counts and description-length bounds, computed once at build time.</summary>
    public required ResourceCounts Resources { get; init; }

    /// <summary>Assembles a network and counts its resources; the one way constructions make a <see cref="Network"/>.</summary>
    public static Network Create(
        string construction,
        ConstructionParameters parameters,
        Problem problem,
        Seed seed,
        InputEncoding inputEncoding,
        Code inputCode,
        ComputeMatrix? compute,
        ImmutableArray<double> biases,
        Code outputCode,
        DecodeRule decodeRule,
        double decodeThreshold,
        ImmutableArray<NeuronSegment> layout)
    {
        if (biases.Any(b => !(b < 0)))
        {
            throw new ArgumentException("every bias must be negative: factored evaluation skips untouched neurons");
        }
        if (compute is not null && inputCode.UniformWidth < 1)
        {
            throw new ArgumentException("every input feature needs a code of the same, positive width b_in: activations divide by it");
        }
        if (compute is not null && (compute.RowCount != outputCode.NeuronCount || biases.Length != compute.RowCount || compute.ColumnCount != inputCode.FeatureCount))
        {
            throw new ArgumentException("compute matrix, biases and codes disagree in shape");
        }
        return new Network
        {
            Construction = construction,
            Parameters = parameters,
            Problem = problem,
            Seed = seed,
            InputEncoding = inputEncoding,
            InputCode = inputCode,
            Compute = compute,
            Biases = biases,
            OutputCode = outputCode,
            DecodeRule = decodeRule,
            DecodeThreshold = decodeThreshold,
            Layout = layout,
            Resources = ResourceCounting.Count(inputEncoding, inputCode, compute, biases.AsSpan(), outputCode),
        };
    }

    /// <summary>b_in, the width of every input code (x̃_i = |C_i ∩ a| / b_in); checked uniform at creation.</summary>
    public int InputWidth => InputCode.Width(0);

    /// <summary>Neurons of the layer that is read out.</summary>
    public int OutputNeuronCount => OutputCode.NeuronCount;

    /// <summary>
    /// The activation of an output-layer neuron from its integer accumulator Σ_i M[u,i]·|C_i ∩ a|:
    /// ReLU(acc / b_in + bias). Both evaluators call this one function, so they agree bit for bit.
    /// </summary>
    public static double Activation(long accumulator, int inputWidth, double bias) =>
        Math.Max(0.0, ((double)accumulator / inputWidth) + bias);
}
