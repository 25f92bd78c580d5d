using System.Collections.Immutable;
using Superposition.Problems;

using static Superposition.Datasets.Safetensors.NetworkMetadata;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// The problem instance of an exported network (format version 2 on): for 2-AND the pair set,
/// <c>problem.pairs</c> of shape [m', 2] (row e holds the two inputs of output e, smaller first); for
/// a permutation, <c>problem.permutation</c> of shape [m] (entry i is the output input i is copied to).
/// With it a file can be scored with no other information: the true outputs of an input are the rows
/// of <c>problem.pairs</c> both of whose inputs are active, or the images of the active inputs. For a
/// circuit of depth d (metadata <c>depth</c>), <c>problem.circuit.{k}.pairs</c> of shape [w_k, 2] for
/// every layer k: gate g of layer k reads values First, Second of the layer below (the inputs for k = 0);
/// the outputs are the gates of layer d − 1, true when both values they read are.
/// </summary>
public sealed class ProblemInstance
{
    /// <summary>The tensor of a 2-AND instance.</summary>
    public const string PairsTensor = "problem.pairs";

    /// <summary>The tensor of a permutation instance.</summary>
    public const string PermutationTensor = "problem.permutation";

    /// <summary>The metadata key of a circuit's depth.</summary>
    public const string DepthKey = "depth";

    private ProblemInstance(ImmutableArray<int> pairs, ImmutableArray<int> permutation, ImmutableArray<ImmutableArray<int>> circuit = default)
    {
        Pairs = pairs;
        Permutation = permutation;
        CircuitLayers = circuit.IsDefault ? [] : circuit;
    }

    /// <summary>The tensor of layer k of a circuit instance.</summary>
    public static string CircuitTensor(int layer) => $"problem.circuit.{layer}.pairs";

    /// <summary>For a circuit, every layer's pairs row-major [w_k, 2]; empty otherwise.</summary>
    public ImmutableArray<ImmutableArray<int>> CircuitLayers { get; }

    /// <summary>Row-major [m', 2] for 2-AND (pair e is Pairs[2e], Pairs[2e + 1]); empty for a permutation.</summary>
    public ImmutableArray<int> Pairs { get; }

    /// <summary>[m] for a permutation; empty for 2-AND.</summary>
    public ImmutableArray<int> Permutation { get; }

    /// <summary>
    /// The outputs whose target is 1 for the active inputs, ascending: for 2-AND every pair with both
    /// inputs active, for a permutation the image of every active input. A scan of the instance, for
    /// scoring a file with nothing but the file.
    /// </summary>
    public ImmutableArray<int> TrueOutputs(IEnumerable<int> activeInputs)
    {
        var active = activeInputs.ToHashSet();
        if (!CircuitLayers.IsEmpty)
        {
            foreach (var layer in CircuitLayers)
            {
                var below = active;
                active = [.. Enumerable.Range(0, layer.Length / 2).Where(g => below.Contains(layer[2 * g]) && below.Contains(layer[(2 * g) + 1]))];
            }
            return [.. active.Order()];
        }
        if (!Permutation.IsEmpty)
        {
            var outside = active.Where(i => (uint)i >= (uint)Permutation.Length).ToList();
            return outside.Count > 0
                ? throw new ArgumentOutOfRangeException(nameof(activeInputs), outside[0], $"the permutation has {Permutation.Length} inputs")
                : [.. active.Select(i => Permutation[i]).Order()];
        }
        return [.. Enumerable.Range(0, Pairs.Length / 2).Where(e => active.Contains(Pairs[2 * e]) && active.Contains(Pairs[(2 * e) + 1]))];
    }

    /// <summary>The tensors that carry <paramref name="problem"/> in an exported file.</summary>
    internal static IEnumerable<SafetensorsTensor> ToTensors(Problem problem) => problem switch
    {
        AndProblem and => [new Int32Tensor(PairsTensor, [and.Pairs.Count, 2], Interleave(and.Pairs))],
        PermutationProblem permutation => [Int32Tensor.Vector(PermutationTensor, permutation.Permutation)],
        CircuitProblem circuit => [.. circuit.Circuit.Layers.Select((layer, k) => new Int32Tensor(CircuitTensor(k), [layer.Count, 2], Interleave(layer)))],
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem.GetType().Name, "unknown problem kind"),
    };

    /// <summary>The names of the tensors <see cref="ReadInstance"/> reads for the file's problem.</summary>
    internal static IEnumerable<string> TensorNames(SafetensorsFile file) => Metadata(file, "problem") switch
    {
        "and" => [PairsTensor],
        "permutation" => [PermutationTensor],
        _ => Enumerable.Range(0, Count(file, DepthKey)).Select(CircuitTensor),
    };

    /// <summary>
    /// The instance a file holds, checked against its metadata (problem, input_count, output_count):
    /// shape, inputs in range, two distinct inputs per pair (smaller first) and no pair twice, or a
    /// permutation of the outputs. Null for a version-1 file, which has none. Throws
    /// <see cref="InvalidDataException"/> for a version-2 file without a consistent instance.
    /// </summary>
    public static ProblemInstance? Read(SafetensorsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Metadata(file, "format_version") == "1" ? null : ReadInstance(file);
    }

    /// <summary>The instance a file must hold (problem.pairs or problem.permutation), checked against its metadata as <see cref="Read"/> does.</summary>
    internal static ProblemInstance ReadInstance(SafetensorsFile file)
    {
        var inputs = Count(file, "input_count");
        var outputs = Count(file, "output_count");
        return Metadata(file, "problem") switch
        {
            "and" => new ProblemInstance(ReadPairs(file, inputs, outputs), []),
            "permutation" => new ProblemInstance([], ReadPermutation(file, inputs, outputs)),
            "circuit" => new ProblemInstance([], [], ReadCircuit(file, inputs, outputs)),
            var other => throw new InvalidDataException($"unknown problem '{other}'"),
        };
    }

    /// <summary>Every layer of a circuit: shape [w_k, 2], pairs of distinct values of the layer below, no pair twice, w_(d−1) = m'.</summary>
    private static ImmutableArray<ImmutableArray<int>> ReadCircuit(SafetensorsFile file, int inputs, int outputs)
    {
        var depth = Count(file, DepthKey);
        if (depth is < 1 or > ProblemSpec.MaxDepth)
        {
            throw new InvalidDataException($"metadata '{DepthKey}' = {depth}; a circuit has 1 to {ProblemSpec.MaxDepth} layers");
        }
        var layers = ImmutableArray.CreateBuilder<ImmutableArray<int>>(depth);
        var below = inputs;
        for (var k = 0; k < depth; k++)
        {
            var name = CircuitTensor(k);
            if (!file.Contains(name))
            {
                throw new InvalidDataException($"the file has no tensor '{name}' (a circuit of depth {depth} carries one per layer)");
            }
            var shape = file.Tensor<Int32Tensor>(name).Shape;
            if (shape.Length != 2 || shape[1] != 2 || shape[0] < 1 || (k == depth - 1 && shape[0] != outputs))
            {
                throw new InvalidDataException($"tensor '{name}' has shape [{string.Join(", ", shape)}]; [{(k == depth - 1 ? outputs.ToString(System.Globalization.CultureInfo.InvariantCulture) : "w")}, 2] was expected");
            }
            layers.Add(ReadPairs(file, name, below, (int)shape[0]));
            below = (int)shape[0];
        }
        return layers.MoveToImmutable();
    }

    private static ImmutableArray<int> ReadPairs(SafetensorsFile file, int inputs, int outputs) => ReadPairs(file, PairsTensor, inputs, outputs);

    private static ImmutableArray<int> ReadPairs(SafetensorsFile file, string name, int inputs, int outputs)
    {
        var tensor = Tensor(file, name, [outputs, 2]);
        var values = tensor.Values;
        var seen = new HashSet<long>();
        for (var e = 0; e < outputs; e++)
        {
            var (first, second) = (values[2 * e], values[(2 * e) + 1]);
            if (first < 0 || second >= inputs || first >= second)
            {
                throw new InvalidDataException($"{name}[{e}] = ({first}, {second}) is not two distinct inputs below {inputs}, smaller first");
            }
            if (!seen.Add(((long)first * inputs) + second))
            {
                throw new InvalidDataException($"{name}[{e}] = ({first}, {second}) repeats an earlier pair");
            }
        }
        return values;
    }

    private static ImmutableArray<int> ReadPermutation(SafetensorsFile file, int inputs, int outputs)
    {
        if (inputs != outputs)
        {
            throw new InvalidDataException($"a permutation needs input_count = output_count, but they are {inputs} and {outputs}");
        }
        var values = Tensor(file, PermutationTensor, [inputs]).Values;
        var hit = new bool[outputs];
        for (var i = 0; i < values.Length; i++)
        {
            if ((uint)values[i] >= (uint)outputs || hit[values[i]])
            {
                throw new InvalidDataException($"{PermutationTensor}[{i}] = {values[i]} is outside [0, {outputs}) or repeats an earlier output");
            }
            hit[values[i]] = true;
        }
        return values;
    }

    private static Int32Tensor Tensor(SafetensorsFile file, string name, long[] shape)
    {
        if (!file.Contains(name))
        {
            throw new InvalidDataException($"the file has no tensor '{name}' (format version {Metadata(file, "format_version")} carries the problem instance)");
        }
        var tensor = file.Tensor<Int32Tensor>(name);
        if (!tensor.Shape.SequenceEqual(shape))
        {
            throw new InvalidDataException($"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}]; [{string.Join(", ", shape)}] was expected");
        }
        return tensor;
    }

    private static ImmutableArray<int> Interleave(PairSet pairs)
    {
        var values = new int[2 * pairs.Count];
        for (var e = 0; e < pairs.Count; e++)
        {
            values[2 * e] = pairs.First[e];
            values[(2 * e) + 1] = pairs.Second[e];
        }
        return [.. values];
    }
}
