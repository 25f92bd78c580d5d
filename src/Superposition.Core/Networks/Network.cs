using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Decoding;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Networks;

/// <summary>
/// An immutable one-layer network in factored form (docs/mathematics.md §4.4): input code (Dec), compute
/// matrix M, biases, output code and decoder. W = M · Dec is never materialised; its exact size is in
/// <see cref="Resources"/>. The representation baseline has no compute layer: its neurons hold the
/// encoded true outputs directly (<see cref="InputEncoding.Targets"/>). Made only by
/// <see cref="Create"/>, which checks the parts fit together, so no network skips those checks.
/// </summary>
public sealed class Network
{
    private Network(string construction, ConstructionParameters parameters, Problem problem, Seed seed, NetworkParts parts)
    {
        Construction = construction;
        Parameters = parameters;
        Problem = problem;
        Seed = seed;
        InputEncoding = parts.InputEncoding;
        InputCode = parts.InputCode;
        Compute = parts.Compute;
        Biases = parts.Biases;
        OutputCode = parts.OutputCode;
        Decoder = parts.Decoder;
        Layout = parts.Layout;
        Resources = ResourceCounting.Count(parts.InputEncoding, parts.InputCode, parts.Compute, parts.Biases.AsSpan(), parts.OutputCode);
    }

    public string Construction { get; }

    /// <summary>The construction's canonical parameter values (docs/spec-format.md, "Case ids and seeds"), for provenance.</summary>
    public ConstructionParameters Parameters { get; }

    public Problem Problem { get; }

    public Seed Seed { get; }

    public InputEncoding InputEncoding { get; }

    /// <summary>Dec: input features over input neurons. For <see cref="InputEncoding.Targets"/>, the output code.</summary>
    public Code InputCode { get; }

    /// <summary>M: output neurons × input features; null when the network computes nothing.</summary>
    public ComputeMatrix? Compute { get; }

    /// <summary>One bias per output-layer neuron, every one negative so untouched neurons stay at zero.</summary>
    public ImmutableArray<double> Biases { get; }

    public Code OutputCode { get; }

    /// <summary>How each output is read from its code's neurons.</summary>
    public Decoder Decoder { get; }

    /// <summary>Named ranges of output-layer neurons (channel R, blocks), disjoint and in order.</summary>
    public ImmutableArray<NeuronSegment> Layout { get; }

    /// <summary>Exact resource counts and description-length bounds, computed once at creation.</summary>
    public ResourceCounts Resources { get; }

    /// <summary>b_in, the width of every input code (x̃_i = |C_i ∩ a| / b_in); checked uniform at creation.</summary>
    public int InputWidth => InputCode.Width(0);

    /// <summary>Neurons of the layer that is read out.</summary>
    public int OutputNeuronCount => OutputCode.NeuronCount;

    /// <summary>
    /// Checks that <paramref name="parts"/> fit together and assembles the network with its resources
    /// counted: the one way to make a <see cref="Network"/>.
    /// </summary>
    public static Network Create(string construction, ConstructionParameters parameters, Problem problem, Seed seed, NetworkParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(problem);
        if (parts.Biases.Any(b => !(b < 0)))
        {
            throw new ArgumentException("every bias must be negative: factored evaluation skips untouched neurons", nameof(parts));
        }
        if (parts.Compute is null != (parts.InputEncoding == InputEncoding.Targets))
        {
            throw new ArgumentException("a network has a compute layer exactly when its inputs are not the targets", nameof(parts));
        }
        if (parts.Compute is not null && parts.InputCode.UniformWidth < 1)
        {
            throw new ArgumentException("every input feature needs a code of the same, positive width b_in: activations divide by it", nameof(parts));
        }
        if (parts.Compute is { } compute && (compute.RowCount != parts.OutputCode.NeuronCount || parts.Biases.Length != compute.RowCount || compute.ColumnCount != parts.InputCode.FeatureCount))
        {
            throw new ArgumentException("compute matrix, biases and codes disagree in shape", nameof(parts));
        }
        if (parts.OutputCode.FeatureCount != problem.OutputCount)
        {
            throw new ArgumentException($"the output code has {parts.OutputCode.FeatureCount} features for {problem.OutputCount} outputs", nameof(parts));
        }
        return new Network(construction, parameters, problem, seed, parts);
    }

    /// <summary>
    /// The activation of an output-layer neuron from its integer accumulator Σ_i M[u,i]·|C_i ∩ a|:
    /// ReLU(acc / b_in + bias). Both evaluators call this one function, so they agree bit for bit.
    /// </summary>
    public static double Activation(long accumulator, int inputWidth, double bias) =>
        Math.Max(0.0, ((double)accumulator / inputWidth) + bias);
}
