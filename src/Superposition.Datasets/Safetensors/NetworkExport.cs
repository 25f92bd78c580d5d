using System.Collections.Immutable;
using System.Globalization;
using Superposition.Decoding;
using Superposition.Networks;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// Exports a constructed network as a safetensors file that NumPy or PyTorch can evaluate with no
/// Superposition code (docs/interop.md), and evaluates such a file independently of Core. The file
/// holds the factored form of docs/mathematics.md §4.4 (input code = Dec, compute matrix M in coordinate
/// form, biases, output code, decode threshold), never W = M · Dec, which can be 10¹⁰ entries.
/// Neuron counts live in the metadata because a code's supports do not determine them (a neuron no
/// feature uses still exists).
/// </summary>
public static class NetworkExport
{
    /// <summary>The metadata "format" value that marks a file as an exported network.</summary>
    public const string FormatName = "superposition-network";

    /// <summary>
    /// Bumped when a tensor or metadata key changes meaning; readers check it. Version 2 adds the problem
    /// instance (<see cref="ProblemInstance"/>). The k-of-w decoder adds the key decode_k without changing
    /// any other key (an older reader rejects a k-of-w file by its unknown decode_rule).
    /// </summary>
    public const int FormatVersion = 2;

    /// <summary>The versions this reader reads: 1 (no problem instance) and <see cref="FormatVersion"/>.</summary>
    public static ImmutableArray<string> ReadableFormatVersions { get; } = ["1", "2"];

    /// <summary>
    /// "true" when the output code is the explicit one (it costs no code bits): the supports cannot say
    /// whether an identity-shaped code was drawn or fixed. Files written before the key existed lack it.
    /// </summary>
    public const string OutputCodeExplicitKey = "output_code_explicit";

    /// <summary>Metadata keys the export writes itself; caller metadata may not reuse them.</summary>
    public static ImmutableArray<string> ReservedMetadataKeys { get; } =
    [
        "format", "format_version", "construction", "construction_params", "problem", "graph", "input_count", "output_count",
        "sparsity", "input_encoding", Decoder.RuleKey, Decoder.KOfW.KKey, "input_neuron_count", "output_neuron_count", "code_width_in",
        "code_width_out", OutputCodeExplicitKey, "construction_seed", "neuron_count", "weight_count", "parameter_count",
    ];

    /// <summary>
    /// Writes <paramref name="network"/> to <paramref name="path"/> (through <c>path.tmp</c>) with
    /// <paramref name="metadata"/> (for example the spec text and case id) added to the provenance.
    /// </summary>
    public static void Write(Network network, string path, IReadOnlyDictionary<string, string> metadata) =>
        ToFile(network, metadata).Write(path);

    /// <summary>The file contents for a network: tensors in the order of docs/interop.md, metadata sorted.</summary>
    public static SafetensorsFile ToFile(Network network, IReadOnlyDictionary<string, string> metadata)
    {
        var clashes = metadata.Keys.Where(ReservedMetadataKeys.Contains).Order(StringComparer.Ordinal).ToArray();
        if (clashes.Length > 0)
        {
            throw new ArgumentException($"metadata keys {string.Join(", ", clashes)} are written by the export itself", nameof(metadata));
        }
        List<SafetensorsTensor> tensors =
        [
            Int32Tensor.Vector("input_code.offsets", network.InputCode.Offsets),
            Int32Tensor.Vector("input_code.neurons", network.InputCode.Neurons),
            Int32Tensor.Vector("output_code.offsets", network.OutputCode.Offsets),
            Int32Tensor.Vector("output_code.neurons", network.OutputCode.Neurons),
        ];
        if (network.Compute is { } compute)
        {
            // CSC to coordinate form: entries stay in column order, rows ascending within a column.
            var offsets = compute.ColumnOffsets;
            var columns = new int[compute.NonzeroCount];
            for (var column = 0; column < compute.ColumnCount; column++)
            {
                columns.AsSpan(offsets[column], offsets[column + 1] - offsets[column]).Fill(column);
            }
            tensors.Add(Int32Tensor.Vector("compute.rows", compute.RowIndices));
            tensors.Add(Int32Tensor.Vector("compute.cols", [.. columns]));
            tensors.Add(Int32Tensor.Vector("compute.weights", compute.WeightValues));
            tensors.Add(Float64Tensor.Vector("biases", network.Biases));
        }
        tensors.Add(Float64Tensor.Vector("decode_threshold", [network.Decoder.Threshold]));

        tensors.AddRange(ProblemInstance.ToTensors(network.Problem));

        var spec = network.Problem.Spec;
        var resources = network.Resources;
        var all = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        all.AddRange(metadata);
        all["format"] = FormatName;
        all["format_version"] = Text(FormatVersion);
        all["construction"] = network.Construction;
        all["construction_params"] = network.Parameters.ToJson();
        all["problem"] = spec.ProblemName;
        all["graph"] = spec.Graph;
        all["input_count"] = Text(spec.InputCount);
        all["output_count"] = Text(spec.OutputCount);
        all["sparsity"] = Text(spec.Sparsity);
        all["input_encoding"] = EncodingName(network.InputEncoding);
        foreach (var (key, value) in network.Decoder.ToMetadata())
        {
            all[key] = value;
        }
        all["input_neuron_count"] = Text(network.InputCode.NeuronCount);
        all["output_neuron_count"] = Text(network.OutputCode.NeuronCount);
        all["code_width_in"] = Text(resources.CodeWidthIn);
        all["code_width_out"] = Text(resources.CodeWidthOut);
        all[OutputCodeExplicitKey] = network.OutputCode.IsExplicit ? "true" : "false";
        all["construction_seed"] = network.Seed.Value.ToString(CultureInfo.InvariantCulture);
        all["neuron_count"] = Text(resources.NeuronCount);
        all["weight_count"] = Text(resources.WeightCount);
        all["parameter_count"] = Text(resources.ParameterCount);
        return new SafetensorsFile([.. tensors], all.ToImmutable());
    }

    /// <summary>
    /// Evaluates an exported network on one input from the file's contents alone, the way the Python
    /// snippets of docs/interop.md do: encode the active features with the input code; count
    /// |C_i ∩ a| for every input i; z = ReLU(Σ_i M[u,i]·|C_i ∩ a| / b_in + bias_u) (that is,
    /// ReLU(M x̃ + b), summed in integers and divided once so it is exact); decode every output by
    /// its decoder (the reference definition, <see cref="Decoder.Fires"/>). Cost is the size of the file, not of the input: this is a check, not a kernel.
    /// <paramref name="features"/> are the active inputs, or the true outputs when the file's
    /// input_encoding is "targets" (a network with no compute layer). Throws
    /// <see cref="InvalidDataException"/> when the file is not a consistent exported network.
    /// </summary>
    public static FileEvaluation Evaluate(SafetensorsFile file, ReadOnlySpan<int> features)
    {
        var network = ExportedNetwork.From(file);
        var encoded = new bool[network.InputNeuronCount];
        foreach (var feature in features)
        {
            if ((uint)feature >= (uint)network.InputOffsets.Length - 1)
            {
                throw new ArgumentOutOfRangeException(nameof(features), feature, $"the input code has {network.InputOffsets.Length - 1} features");
            }
            for (var k = network.InputOffsets[feature]; k < network.InputOffsets[feature + 1]; k++)
            {
                encoded[network.InputSupports[k]] = true;
            }
        }
        var activations = new double[network.OutputNeuronCount];
        if (network.Rows is null)
        {
            // No compute layer: the read-out neurons are the encoded ones.
            for (var v = 0; v < activations.Length; v++)
            {
                activations[v] = encoded[v] ? 1.0 : 0.0;
            }
        }
        else
        {
            var counts = new long[network.InputOffsets.Length - 1];
            for (var input = 0; input < counts.Length; input++)
            {
                for (var k = network.InputOffsets[input]; k < network.InputOffsets[input + 1]; k++)
                {
                    counts[input] += encoded[network.InputSupports[k]] ? 1 : 0;
                }
            }
            var accumulators = new long[network.OutputNeuronCount];
            for (var k = 0; k < network.Rows.Length; k++)
            {
                accumulators[network.Rows[k]] += network.Weights![k] * counts[network.Columns![k]];
            }
            for (var u = 0; u < activations.Length; u++)
            {
                activations[u] = Math.Max(0.0, ((double)accumulators[u] / network.InputWidth) + network.Biases![u]);
            }
        }

        var decoded = new List<int>();
        for (var output = 0; output < network.OutputOffsets.Length - 1; output++)
        {
            var support = network.OutputSupports.AsSpan(network.OutputOffsets[output], network.OutputOffsets[output + 1] - network.OutputOffsets[output]);
            var supportActivations = new double[support.Length];
            for (var k = 0; k < support.Length; k++)
            {
                supportActivations[k] = activations[support[k]];
            }
            if (network.Decoder.Fires(supportActivations))
            {
                decoded.Add(output);
            }
        }
        return new FileEvaluation([.. activations], [.. decoded]);
    }

    internal static string EncodingName(InputEncoding encoding) => encoding switch
    {
        InputEncoding.Explicit => "explicit",
        InputEncoding.Superposed => "superposed",
        InputEncoding.Targets => "targets",
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "unknown input encoding"),
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
