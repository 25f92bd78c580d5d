using System.Collections.Immutable;
using System.Globalization;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Decoding;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

using static Superposition.Datasets.Safetensors.NetworkMetadata;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// Reads one layered network file into a Core <see cref="Network"/>, checking as it goes; every tensor
/// it reads is marked, and a tensor nothing read is an error (a misspelt name must not be ignored).
/// </summary>
internal sealed class LayeredReader
{
    private readonly SafetensorsFile _file;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public LayeredReader(SafetensorsFile file)
    {
        _file = file;
    }

    public Network Network(ConstructionParameters parameters)
    {
        var format = Metadata(_file, "format");
        var version = Metadata(_file, "format_version");
        if (format != LayeredNetworkFile.FormatName || version != LayeredNetworkFile.FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException($"the file is '{format}' version {version}; this reader knows '{LayeredNetworkFile.FormatName}' version {LayeredNetworkFile.FormatVersion}");
        }
        var problem = Problem();
        var stage = Stage(problem.InputCount);
        var layerCount = Dimension("layer_count", _file.Tensors.Length);
        if (layerCount < 1)
        {
            throw new InvalidDataException("metadata 'layer_count' is 0; a network needs at least one layer");
        }
        var layers = ImmutableArray.CreateBuilder<Layer>(layerCount);
        var width = stage.Width;
        for (var k = 0; k < layerCount; k++)
        {
            var layer = AffineLayer(k, width);
            layers.Add(layer);
            width = layer.Width;
        }
        var readout = Readout(problem.OutputCount, width);
        var unused = _file.Tensors.Select(t => t.Name).Where(name => !_used.Contains(name)).Order(StringComparer.Ordinal).ToArray();
        if (unused.Length > 0)
        {
            throw new InvalidDataException($"the file holds tensors the layered format does not define: {string.Join(", ", unused)}");
        }
        var construction = _file.Metadata.TryGetValue("construction", out var name) && name.Length > 0 ? name : "file";
        try
        {
            return Networks.Network.Create(construction, parameters, problem, new Seed(0), stage, layers.MoveToImmutable(), readout, []);
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException($"the file's parts do not fit together: {error.Message}", error);
        }
    }

    /// <summary>A count from the metadata: a non-negative integer no larger than <paramref name="maximum"/>.</summary>
    private int Dimension(string key, long maximum)
    {
        var text = Metadata(_file, key);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            // All digits but too long for 64 bits is "too large", not "not a number".
            value = text.Length > 0 && text.All(char.IsAsciiDigit) ? long.MaxValue : throw new InvalidDataException($"metadata '{key}' = '{text}' is not a non-negative integer");
        }
        return value <= maximum ? (int)value : throw new InvalidDataException($"metadata '{key}' = {text} is more than the {maximum} this reader accepts");
    }

    private Problem Problem()
    {
        var kind = Metadata(_file, "problem") switch
        {
            "and" => ProblemKind.And,
            "permutation" => ProblemKind.Permutation,
            "circuit" => ProblemKind.Circuit,
            var other => throw new InvalidDataException($"metadata 'problem' = '{other}'; expected 'and', 'permutation' or 'circuit'"),
        };
        var inputs = Dimension("input_count", LayeredNetworkFile.MaxUnbackedCount);
        var outputs = Dimension("output_count", LayeredNetworkFile.MaxUnbackedCount);
        var sparsity = Dimension("sparsity", Math.Max(1, inputs));
        if (sparsity < 1 || inputs < 1 || outputs < 1)
        {
            throw new InvalidDataException($"input_count, output_count and sparsity must be at least 1 (they are {inputs}, {outputs} and {sparsity})");
        }
        var graph = _file.Metadata.TryGetValue("graph", out var g) ? g : kind switch { ProblemKind.And or ProblemKind.Circuit => "file", _ => "permutation" };
        var spec = new ProblemSpec(kind, graph, inputs, outputs, sparsity);
        var instance = ProblemInstance.ReadInstance(_file);
        _used.UnionWith(ProblemInstance.TensorNames(_file));
        if (kind == ProblemKind.Circuit)
        {
            var below = inputs;
            var layers = ImmutableArray.CreateBuilder<PairSet>(instance.CircuitLayers.Length);
            foreach (var layer in instance.CircuitLayers)
            {
                var gates = layer.Length / 2;
                layers.Add(new PairSet(below, [.. Enumerable.Range(0, gates).Select(e => layer[2 * e])], [.. Enumerable.Range(0, gates).Select(e => layer[(2 * e) + 1])]));
                below = gates;
            }
            return new CircuitProblem(new LayeredCircuit(inputs, layers.MoveToImmutable()), sparsity, graph);
        }
        if (kind == ProblemKind.Permutation)
        {
            return new PermutationProblem(spec, instance.Permutation);
        }
        var pairs = instance.Pairs;
        return new AndProblem(spec, new PairSet(inputs, [.. Enumerable.Range(0, outputs).Select(e => pairs[2 * e])], [.. Enumerable.Range(0, outputs).Select(e => pairs[(2 * e) + 1])]));
    }

    private InputStage Stage(int inputs)
    {
        switch (Metadata(_file, "input_stage"))
        {
            case "one-hot":
                return new InputStage.OneHot(inputs);
            case "code-or":
                var neurons = Dimension("input_neuron_count", LayeredNetworkFile.MaxUnbackedCount);
                return new InputStage.CodeOr(ReadCode("input.code", inputs, neurons));
            case "embedding":
                var (rows, columns, values, single) = Matrix("input.embedding");
                if (columns != inputs)
                {
                    throw new InvalidDataException($"input.embedding has {columns} columns for {inputs} inputs (input_count)");
                }
                return new InputStage.Embedding(new WeightMatrix.Dense(rows, columns, values, single));
            case var other:
                throw new InvalidDataException($"metadata 'input_stage' = '{other}'; expected one-hot, code-or or embedding");
        }
    }

    private Layer.Affine AffineLayer(int k, int width)
    {
        var activation = Metadata(_file, $"layers.{k}.activation") switch
        {
            "relu" => Activation.Relu,
            "identity" => Activation.Identity,
            var other => throw new InvalidDataException($"metadata 'layers.{k}.activation' = '{other}'; expected relu or identity"),
        };
        var bias = FloatVector($"layers.{k}.bias");
        if (bias.Length == 0)
        {
            throw new InvalidDataException($"layers.{k}.bias is empty; a layer needs at least one unit");
        }
        WeightMatrix weights;
        if (_file.Contains($"layers.{k}.weight"))
        {
            var (rows, columns, values, single) = Matrix($"layers.{k}.weight");
            if (rows != bias.Length)
            {
                throw new InvalidDataException($"layers.{k}.weight has {rows} rows but layers.{k}.bias has {bias.Length} values");
            }
            if (columns != width)
            {
                throw new InvalidDataException($"layers.{k}.weight has {columns} columns but {(k == 0 ? "the input stage" : $"layer {k - 1}")} gives {width} values: the shapes do not chain");
            }
            weights = new WeightMatrix.Dense(rows, columns, values, single);
        }
        else if (_file.Contains($"layers.{k}.rows"))
        {
            var rows = IntVector($"layers.{k}.rows");
            var columns = IntVector($"layers.{k}.cols");
            var values = FloatVector($"layers.{k}.values");
            if (columns.Length != rows.Length || values.Length != rows.Length)
            {
                throw new InvalidDataException($"layers.{k}.rows, .cols and .values differ in length ({rows.Length}, {columns.Length}, {values.Length})");
            }
            RequireBelow(rows, bias.Length, $"layers.{k}.rows", $"the {bias.Length} units of layers.{k}.bias");
            RequireBelow(columns, width, $"layers.{k}.cols", $"the {width} values {(k == 0 ? "the input stage" : $"layer {k - 1}")} gives (the shapes do not chain)");
            try
            {
                weights = WeightMatrix.Sparse.FromCoordinates(bias.Length, width, rows, columns, values);
            }
            catch (ArgumentException error)
            {
                throw new InvalidDataException($"layers.{k}: {error.Message}", error);
            }
        }
        else
        {
            throw new InvalidDataException($"layer {k} has neither a dense 'layers.{k}.weight' nor sparse 'layers.{k}.rows/cols/values'");
        }
        return new Layer.Affine(weights, [.. bias], activation);
    }

    private Readout Readout(int outputs, int width)
    {
        switch (Metadata(_file, "readout"))
        {
            case "threshold":
                var thresholds = FloatVector("readout.threshold");
                if (thresholds.Length != outputs)
                {
                    throw new InvalidDataException($"readout.threshold holds {thresholds.Length} values for {outputs} outputs (output_count)");
                }
                if (width != outputs)
                {
                    throw new InvalidDataException($"a threshold read-out reads one unit per output, but the last layer has {width} units for {outputs} outputs");
                }
                return new Readout.Threshold([.. thresholds]);
            case "code":
                var code = ReadCode("readout.code", outputs, width);
                var threshold = FloatVector("readout.decode_threshold");
                if (threshold.Length != 1)
                {
                    throw new InvalidDataException($"readout.decode_threshold holds {threshold.Length} values, not 1");
                }
                try
                {
                    return new Readout.Code(code, Decoder.FromMetadata(_file.Metadata, threshold[0]));
                }
                catch (ArgumentOutOfRangeException error)
                {
                    throw new InvalidDataException($"the file's decoder is invalid: {error.Message}", error);
                }
            case var other:
                throw new InvalidDataException($"metadata 'readout' = '{other}'; expected threshold or code");
        }
    }

    private SafetensorsTensor Use(string name)
    {
        if (!_file.Contains(name))
        {
            throw new InvalidDataException($"the file has no tensor '{name}'");
        }
        _used.Add(name);
        var tensor = _file.Tensor(name);
        var large = tensor.Shape.FirstOrDefault(d => d > Array.MaxLength);
        if (large > 0)
        {
            throw new InvalidDataException($"tensor '{name}' has a dimension of {large}, more than the {Array.MaxLength} one array holds");
        }
        return tensor;
    }

    private int[] IntVector(string name) => Use(name) switch
    {
        Int32Tensor { Shape.Length: 1 } tensor => [.. tensor.Values],
        Int32Tensor tensor => throw new InvalidDataException($"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}]; a vector was expected"),
        var tensor => throw new InvalidDataException($"tensor '{name}' has dtype {tensor.DType}; I32 was expected"),
    };

    private double[] FloatVector(string name)
    {
        var tensor = Use(name);
        if (tensor.Shape.Length != 1)
        {
            throw new InvalidDataException($"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}]; a vector was expected");
        }
        return Finite(name, Floats(tensor).Values);
    }

    private (int Rows, int Columns, double[] Values, bool Single) Matrix(string name)
    {
        var tensor = Use(name);
        if (tensor.Shape.Length != 2)
        {
            throw new InvalidDataException($"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}]; a matrix [rows, columns] was expected");
        }
        var (values, single) = Floats(tensor);
        if (tensor.Shape[0] == 0 || tensor.Shape[1] == 0)
        {
            throw new InvalidDataException($"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}]; a layer needs at least one unit and one input");
        }
        return ((int)tensor.Shape[0], (int)tensor.Shape[1], Finite(name, values), single);
    }

    private static (double[] Values, bool Single) Floats(SafetensorsTensor tensor) => tensor switch
    {
        Float64Tensor f64 => ([.. f64.Values], false),
        Float32Tensor f32 => ([.. f32.Values.Select(v => (double)v)], true),
        _ => throw new InvalidDataException($"tensor '{tensor.Name}' has dtype {tensor.DType}; F32 or F64 was expected"),
    };

    private static double[] Finite(string name, double[] values)
    {
        var bad = Array.FindIndex(values, v => !double.IsFinite(v));
        return bad < 0 ? values : throw new InvalidDataException($"tensor '{name}' holds {values[bad].ToString(CultureInfo.InvariantCulture)} at flat index {bad}; every weight, bias and threshold must be finite");
    }

    private static void RequireBelow(int[] values, int count, string name, string what)
    {
        var bad = Array.FindIndex(values, v => (uint)v >= (uint)count);
        if (bad >= 0)
        {
            throw new InvalidDataException($"{name}[{bad}] = {values[bad]} lies outside {what}");
        }
    }

    /// <summary>A code's CSR arrays: one support per feature, offsets from 0 and non-decreasing, neurons distinct within a support and below <paramref name="neurons"/>.</summary>
    private Code ReadCode(string prefix, int features, int neurons)
    {
        var offsets = IntVector($"{prefix}.offsets");
        var supports = IntVector($"{prefix}.neurons");
        if (offsets.Length != features + 1 || offsets[0] != 0 || offsets[^1] != supports.Length)
        {
            throw new InvalidDataException($"{prefix}.offsets must hold {features + 1} offsets from 0 to the {supports.Length} entries of {prefix}.neurons");
        }
        for (var f = 0; f < features; f++)
        {
            if (offsets[f + 1] < offsets[f])
            {
                throw new InvalidDataException($"{prefix}.offsets decreases at feature {f}");
            }
            var support = supports.AsSpan(offsets[f], offsets[f + 1] - offsets[f]).ToArray();
            if (support.Distinct().Count() != support.Length)
            {
                throw new InvalidDataException($"{prefix}: the support of feature {f} names a neuron twice");
            }
        }
        RequireBelow(supports, neurons, $"{prefix}.neurons", $"the {neurons} units it is read from");
        // A code in a layered file is a drawn code, counted as such (docs/mathematics.md §5), even when it
        // happens to be the identity: only a one-hot stage is the explicit encoding.
        return new Code(neurons, offsets, supports);
    }
}
