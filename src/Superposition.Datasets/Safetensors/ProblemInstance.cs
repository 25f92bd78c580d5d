using System.Collections.Immutable;
using Superposition.Problems;

using static Superposition.Datasets.Safetensors.NetworkMetadata;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// The problem instance of an exported network (format version 2 on): for 2-AND the pair set,
/// <c>problem.pairs</c> of shape [m', 2] (row e holds the two inputs of output e, smaller first); for
/// a permutation, <c>problem.permutation</c> of shape [m] (entry i is the output input i is copied to).
/// With it a file can be scored with no other information: the true outputs of an input are the rows
/// of <c>problem.pairs</c> both of whose inputs are active, or the images of the active inputs.
/// </summary>
public sealed class ProblemInstance
{
    /// <summary>The tensor of a 2-AND instance.</summary>
    public const string PairsTensor = "problem.pairs";

    /// <summary>The tensor of a permutation instance.</summary>
    public const string PermutationTensor = "problem.permutation";

    private ProblemInstance(ImmutableArray<int> pairs, ImmutableArray<int> permutation)
    {
        Pairs = pairs;
        Permutation = permutation;
    }

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
        if (!Permutation.IsEmpty)
        {
            var outside = active.Where(i => (uint)i >= (uint)Permutation.Length).ToList();
            return outside.Count > 0
                ? throw new ArgumentOutOfRangeException(nameof(activeInputs), outside[0], $"the permutation has {Permutation.Length} inputs")
                : [.. active.Select(i => Permutation[i]).Order()];
        }
        return [.. Enumerable.Range(0, Pairs.Length / 2).Where(e => active.Contains(Pairs[2 * e]) && active.Contains(Pairs[(2 * e) + 1]))];
    }

    /// <summary>The tensor that carries <paramref name="problem"/> in an exported file.</summary>
    internal static SafetensorsTensor ToTensor(Problem problem) => problem switch
    {
        AndProblem and => new Int32Tensor(PairsTensor, [and.Pairs.Count, 2], Interleave(and.Pairs)),
        PermutationProblem permutation => Int32Tensor.Vector(PermutationTensor, permutation.Permutation),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem.GetType().Name, "unknown problem kind"),
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
            var other => throw new InvalidDataException($"unknown problem '{other}'"),
        };
    }

    private static ImmutableArray<int> ReadPairs(SafetensorsFile file, int inputs, int outputs)
    {
        var tensor = Tensor(file, PairsTensor, [outputs, 2]);
        var values = tensor.Values;
        var seen = new HashSet<long>();
        for (var e = 0; e < outputs; e++)
        {
            var (first, second) = (values[2 * e], values[(2 * e) + 1]);
            if (first < 0 || second >= inputs || first >= second)
            {
                throw new InvalidDataException($"{PairsTensor}[{e}] = ({first}, {second}) is not two distinct inputs below {inputs}, smaller first");
            }
            if (!seen.Add(((long)first * inputs) + second))
            {
                throw new InvalidDataException($"{PairsTensor}[{e}] = ({first}, {second}) repeats an earlier pair");
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
