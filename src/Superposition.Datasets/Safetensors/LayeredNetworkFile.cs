using System.Collections.Immutable;
using System.Globalization;
using Superposition.Constructions;
using Superposition.Decoding;
using Superposition.Networks;
using Superposition.Problems;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// The general network file (docs/interop.md, "The layered format"): a feed-forward network made
/// anywhere, as an input stage (one-hot, a code read as OR, or a dense embedding), a sequence of affine
/// layers (dense F32/F64 or sparse coordinates, a bias, ReLU or identity), a read-out (per-output
/// thresholds, or an output code with one of the tool's decoders) and the problem instance. Reading
/// checks every tensor's dtype, shape, range and finiteness against the metadata and the layer before
/// it, and every size before anything of that size is allocated; each failure is an
/// <see cref="InvalidDataException"/> with one message naming the tensor or key.
/// </summary>
public static class LayeredNetworkFile
{
    /// <summary>The metadata "format" value of a layered network file.</summary>
    public const string FormatName = "superposition-layered";

    public const int FormatVersion = 1;

    /// <summary>The metadata key a writer sets to what its network guarantees: a comma-separated list; <see cref="NoFalseNegatives"/> is the one the tool checks.</summary>
    public const string ClaimsKey = "claims";

    /// <summary>The claim that no input with at most s active features gives a false negative.</summary>
    public const string NoFalseNegatives = "no-false-negatives";

    /// <summary>The claim that no input with at most s active features gives any wrong output.</summary>
    public const string Exact = "exact";

    /// <summary>The claims <c>verify</c> checks; any other is reported as not checked.</summary>
    public static ImmutableArray<string> KnownClaims { get; } = [NoFalseNegatives, Exact];

    /// <summary>
    /// The most units a dimension may have when only the metadata gives it (m with a one-hot stage, n_in
    /// of a code): a header cannot make the reader allocate gigabytes that no tensor's bytes back.
    /// </summary>
    public const int MaxUnbackedCount = 1 << 24;

    /// <summary>Metadata keys the writer sets itself; caller metadata may not reuse them.</summary>
    public static ImmutableArray<string> ReservedMetadataKeys { get; } =
    [
        "format", "format_version", "construction", "problem", "graph", "input_count", "output_count", "sparsity", ProblemInstance.DepthKey, "input_stage",
        "input_neuron_count", "layer_count", "readout", Decoder.RuleKey, Decoder.KOfW.KKey, "neuron_count", "weight_count", "parameter_count",
    ];

    /// <summary>Writes <paramref name="network"/> (affine layers only, not a targets stage) with <paramref name="metadata"/> added.</summary>
    public static void Write(Network network, string path, IReadOnlyDictionary<string, string> metadata) =>
        ToFile(network, metadata).Write(path);

    /// <summary>The file contents of a network whose layers are all affine and whose stage is not the targets.</summary>
    public static SafetensorsFile ToFile(Network network, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(metadata);
        var clashes = metadata.Keys.Where(k => ReservedMetadataKeys.Contains(k) || k.StartsWith("layers.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        if (clashes.Length > 0)
        {
            throw new ArgumentException($"metadata keys {string.Join(", ", clashes)} are written by the layered format itself", nameof(metadata));
        }
        if (network.Layers.IsEmpty || network.Layers.Any(layer => layer is not Layer.Affine))
        {
            throw new ArgumentException("the layered format holds affine layers (at least one); a factored network is written by NetworkExport", nameof(network));
        }
        var all = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        all.AddRange(metadata);
        var tensors = new List<SafetensorsTensor>();
        var spec = network.Problem.Spec;
        all["format"] = FormatName;
        all["format_version"] = Text(FormatVersion);
        all["construction"] = network.Construction;
        all["problem"] = spec.ProblemName;
        all["graph"] = spec.Graph;
        all["input_count"] = Text(spec.InputCount);
        all["output_count"] = Text(spec.OutputCount);
        all["sparsity"] = Text(spec.Sparsity);
        if (spec.Kind == ProblemKind.Circuit)
        {
            all[ProblemInstance.DepthKey] = Text(spec.Depth);
        }
        switch (network.Input)
        {
            case InputStage.OneHot:
                all["input_stage"] = "one-hot";
                break;
            case InputStage.CodeOr stage:
                all["input_stage"] = "code-or";
                all["input_neuron_count"] = Text(stage.Code.NeuronCount);
                tensors.Add(Int32Tensor.Vector("input.code.offsets", stage.Code.Offsets));
                tensors.Add(Int32Tensor.Vector("input.code.neurons", stage.Code.Neurons));
                break;
            case InputStage.Embedding stage:
                all["input_stage"] = "embedding";
                tensors.Add(DenseTensor("input.embedding", (WeightMatrix.Dense)stage.Weights));
                break;
            default:
                throw new ArgumentException("a targets stage reads the true outputs: it is the representation baseline, not a network to import", nameof(network));
        }
        all["layer_count"] = Text(network.Layers.Length);
        for (var k = 0; k < network.Layers.Length; k++)
        {
            var layer = (Layer.Affine)network.Layers[k];
            all[$"layers.{k}.activation"] = layer.Activation == Activation.Relu ? "relu" : "identity";
            switch (layer.Weights)
            {
                case WeightMatrix.Dense dense:
                    tensors.Add(DenseTensor($"layers.{k}.weight", dense));
                    break;
                case WeightMatrix.Sparse sparse:
                    var rows = new int[sparse.Columns.Length];
                    for (var row = 0; row < sparse.RowCount; row++)
                    {
                        rows.AsSpan(sparse.RowOffsets[row], sparse.RowOffsets[row + 1] - sparse.RowOffsets[row]).Fill(row);
                    }
                    tensors.Add(Int32Tensor.Vector($"layers.{k}.rows", [.. rows]));
                    tensors.Add(Int32Tensor.Vector($"layers.{k}.cols", sparse.Columns));
                    tensors.Add(Float64Tensor.Vector($"layers.{k}.values", sparse.Values));
                    break;
                default:
                    throw new ArgumentException($"layer {k} has weights of an unknown kind", nameof(network));
            }
            tensors.Add(Float64Tensor.Vector($"layers.{k}.bias", layer.Bias));
        }
        switch (network.Readout)
        {
            case Readout.Threshold threshold:
                all["readout"] = "threshold";
                tensors.Add(Float64Tensor.Vector("readout.threshold", threshold.Thresholds));
                break;
            case Readout.Code code:
                all["readout"] = "code";
                foreach (var (key, value) in code.Decoder.ToMetadata())
                {
                    all[key] = value;
                }
                tensors.Add(Int32Tensor.Vector("readout.code.offsets", code.OutputCode.Offsets));
                tensors.Add(Int32Tensor.Vector("readout.code.neurons", code.OutputCode.Neurons));
                tensors.Add(Float64Tensor.Vector("readout.decode_threshold", [code.Decoder.Threshold]));
                break;
            default:
                throw new ArgumentException("unknown read-out", nameof(network));
        }
        tensors.AddRange(ProblemInstance.ToTensors(network.Problem));
        all["neuron_count"] = Text(network.Resources.NeuronCount);
        all["weight_count"] = Text(network.Resources.WeightCount);
        all["parameter_count"] = Text(network.Resources.ParameterCount);
        return new SafetensorsFile([.. tensors], all.ToImmutable());
    }

    private static SafetensorsTensor DenseTensor(string name, WeightMatrix.Dense matrix) =>
        matrix.SinglePrecision
            ? new Float32Tensor(name, [matrix.RowCount, matrix.ColumnCount], [.. matrix.Values.Select(v => (float)v)])
            : new Float64Tensor(name, [matrix.RowCount, matrix.ColumnCount], matrix.Values);

    /// <summary>
    /// The network a layered file holds, every part checked (see the type's summary). The construction
    /// is the file's <c>construction</c> metadata (or "file"); the seed is 0.
    /// </summary>
    public static Network Read(SafetensorsFile file) => Read(file, ConstructionParameters.Empty);

    /// <summary><see cref="Read(SafetensorsFile)"/> with the parameters to record as the network's provenance.</summary>
    public static Network Read(SafetensorsFile file, ConstructionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(file);
        var reader = new LayeredReader(file);
        return reader.Network(parameters);
    }

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
