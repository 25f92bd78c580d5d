using Superposition.Decoding;

using static Superposition.Datasets.Safetensors.NetworkMetadata;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// The arrays of an exported network, taken from a <see cref="SafetensorsFile"/> and checked for
/// consistency (offsets, ranges, lengths) once, so that evaluation can index without guarding and a
/// bad file fails with <see cref="InvalidDataException"/> instead of an index error.
/// </summary>
internal sealed class ExportedNetwork
{
    private ExportedNetwork()
    {
    }

    public int InputNeuronCount { get; private init; }

    public int OutputNeuronCount { get; private init; }

    public int[] InputOffsets { get; private init; } = [];

    public int[] InputSupports { get; private init; } = [];

    public int[] OutputOffsets { get; private init; } = [];

    public int[] OutputSupports { get; private init; } = [];

    /// <summary>Coordinate form of M; null when the network has no compute layer.</summary>
    public int[]? Rows { get; private init; }

    public int[]? Columns { get; private init; }

    public int[]? Weights { get; private init; }

    public double[]? Biases { get; private init; }

    /// <summary>b_in, the input code's (uniform) width.</summary>
    public int InputWidth { get; private init; }

    /// <summary>The decoder the metadata names, with the threshold of the decode_threshold tensor.</summary>
    public Decoder Decoder { get; private init; } = new Decoder.AllAbove(0);

    /// <summary>The problem instance; null for a version-1 file, which does not carry it.</summary>
    public ProblemInstance? Instance { get; private init; }

    public static ExportedNetwork From(SafetensorsFile file)
    {
        var format = Metadata(file, "format");
        var version = Metadata(file, "format_version");
        if (format != NetworkExport.FormatName || !NetworkExport.ReadableFormatVersions.Contains(version))
        {
            throw new InvalidDataException($"the file is '{format}' version {version}; this reader knows '{NetworkExport.FormatName}' versions {string.Join(", ", NetworkExport.ReadableFormatVersions)}");
        }
        var inputNeurons = Count(file, "input_neuron_count");
        var outputNeurons = Count(file, "output_neuron_count");
        var encoding = Metadata(file, "input_encoding");
        var (inputOffsets, inputSupports) = CodeArrays(file, "input_code", inputNeurons);
        var (outputOffsets, outputSupports) = CodeArrays(file, "output_code", outputNeurons);
        var threshold = Values<Float64Tensor>(file, "decode_threshold").Values;
        if (threshold.Length != 1)
        {
            throw new InvalidDataException($"decode_threshold holds {threshold.Length} values, not 1");
        }
        var decoder = ReadDecoder(file.Metadata, threshold[0]);

        var computes = file.Contains("compute.rows");
        if (computes == (encoding == "targets"))
        {
            throw new InvalidDataException($"input_encoding '{encoding}' does not match the file, which {(computes ? "has" : "lacks")} a compute layer");
        }
        int[]? rows = null, columns = null, weights = null;
        double[]? biases = null;
        if (computes)
        {
            rows = [.. Values<Int32Tensor>(file, "compute.rows").Values];
            columns = [.. Values<Int32Tensor>(file, "compute.cols").Values];
            weights = [.. Values<Int32Tensor>(file, "compute.weights").Values];
            biases = [.. Values<Float64Tensor>(file, "biases").Values];
            if (columns.Length != rows.Length || weights.Length != rows.Length)
            {
                throw new InvalidDataException($"compute.rows, compute.cols and compute.weights differ in length ({rows.Length}, {columns.Length}, {weights.Length})");
            }
            if (biases.Length != outputNeurons)
            {
                throw new InvalidDataException($"biases holds {biases.Length} values for {outputNeurons} output neurons");
            }
            RequireInRange(rows, outputNeurons, "compute.rows");
            RequireInRange(columns, inputOffsets.Length - 1, "compute.cols");
        }
        else if (inputNeurons != outputNeurons)
        {
            throw new InvalidDataException($"without a compute layer the read-out neurons are the input neurons, but there are {inputNeurons} and {outputNeurons}");
        }

        return new ExportedNetwork
        {
            InputNeuronCount = inputNeurons,
            OutputNeuronCount = outputNeurons,
            InputOffsets = inputOffsets,
            InputSupports = inputSupports,
            OutputOffsets = outputOffsets,
            OutputSupports = outputSupports,
            Rows = rows,
            Columns = columns,
            Weights = weights,
            Biases = biases,
            InputWidth = computes ? UniformWidth(inputOffsets) : 1,
            Decoder = decoder,
            Instance = ProblemInstance.Read(file),
        };
    }

    /// <summary>The file's decoder; a malformed value (a non-finite threshold, k below 1) is bad data, not a bad argument.</summary>
    private static Decoder ReadDecoder(IReadOnlyDictionary<string, string> metadata, double threshold)
    {
        try
        {
            return Decoder.FromMetadata(metadata, threshold);
        }
        catch (ArgumentOutOfRangeException error)
        {
            throw new InvalidDataException($"the file's decoder is invalid: {error.Message}", error);
        }
    }

    private static T Values<T>(SafetensorsFile file, string name)
        where T : SafetensorsTensor
    {
        if (!file.Contains(name))
        {
            throw new InvalidDataException($"the file has no tensor '{name}'");
        }
        var tensor = file.Tensor<T>(name);
        if (tensor.Shape.Length != 1)
        {
            throw new InvalidDataException($"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}]; a vector was expected");
        }
        return tensor;
    }

    /// <summary>A code's CSR arrays: offsets from 0, non-decreasing, ending at the number of entries; every entry a neuron below <paramref name="neuronCount"/>.</summary>
    private static (int[] Offsets, int[] Supports) CodeArrays(SafetensorsFile file, string prefix, int neuronCount)
    {
        int[] offsets = [.. Values<Int32Tensor>(file, $"{prefix}.offsets").Values];
        int[] supports = [.. Values<Int32Tensor>(file, $"{prefix}.neurons").Values];
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != supports.Length)
        {
            throw new InvalidDataException($"{prefix}.offsets must start at 0 and end at the {supports.Length} entries of {prefix}.neurons");
        }
        for (var f = 0; f + 1 < offsets.Length; f++)
        {
            if (offsets[f + 1] < offsets[f])
            {
                throw new InvalidDataException($"{prefix}.offsets decreases at feature {f}");
            }
        }
        RequireInRange(supports, neuronCount, $"{prefix}.neurons");
        return (offsets, supports);
    }

    private static void RequireInRange(int[] values, int count, string name)
    {
        var bad = Array.FindIndex(values, v => (uint)v >= (uint)count);
        if (bad >= 0)
        {
            throw new InvalidDataException($"{name}[{bad}] = {values[bad]} lies outside [0, {count})");
        }
    }

    /// <summary>The width every input support shares; x̃_i = |C_i ∩ a| / b_in assumes one b_in.</summary>
    private static int UniformWidth(int[] offsets)
    {
        var width = offsets.Length > 1 ? offsets[1] - offsets[0] : 1;
        for (var f = 1; f + 1 < offsets.Length; f++)
        {
            if (offsets[f + 1] - offsets[f] != width)
            {
                throw new InvalidDataException($"input supports differ in width ({width} and {offsets[f + 1] - offsets[f]}); b_in must be uniform");
            }
        }
        return width == 0 ? throw new InvalidDataException("input supports are empty") : width;
    }
}
