using System.Runtime.InteropServices;
using Superposition.Codes;
using Superposition.Decoding;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// Permutation in superposition (docs/mathematics.md §6): output neuron u reads every input i with
/// u ∈ D_π(i), weight 1, bias −0.5; input and output codes of width b, n_out = n_0 = O(√(s m) log m).
/// An active input gives z = 0.5 on every neuron of its image's code, so there are no false negatives.
/// </summary>
public static class SuperposedPermutation
{
    public static ConstructionDefinition<PermutationProblem, SuperposedPermutationOptions> Definition { get; } = new()
    {
        Name = "superposed-permutation",
        Summary = "neural permutation with superposed inputs and outputs (docs/mathematics.md §6)",
        Role = ConstructionRole.ComputesProblem,
        Solves = [ProblemKind.Permutation],
        NeverFalseNegative = true,
        Schema =
        [
            .. InputLayerOptions.Parameters<SuperposedPermutationOptions>(o => o.InputLayer, (o, v) => o with { InputLayer = v }),
            Parameter.Number<SuperposedPermutationOptions>("decode_threshold", InputLayers.DecodeThresholdDescription, o => o.DecodeThreshold, (o, v) => o with { DecodeThreshold = v }),
            Parameter.Number<SuperposedPermutationOptions>("read_threshold", "neuron bias is -read_threshold", o => o.ReadThreshold, (o, v) => o with { ReadThreshold = v }),
        ],
        CheckOptions = (problem, options) =>
        {
            var input = InputLayers.Check(problem, options.InputLayer).ToList();
            var entries = (double)problem.InputCount * options.InputLayer.CodeWidth.WidthEstimate(problem.OutputCount);
            var sizes = input.Count == 0 && SizeLimits.Exceeds(entries, "output code entries and nonzeros of M m · b", options.InputLayer.CodeWidth.WidthParameter(problem.OutputCount)) is { } error ? [error] : Array.Empty<ParameterError>();
            return input.Concat(InputLayers.RequireMargin(1 - options.ReadThreshold, options.DecodeThreshold, "1 - read_threshold", "read_threshold")).Concat(sizes);
        },
        BuildParts = Build,
        Sizes = (problem, options) =>
        {
            var (inputEntries, inputNeurons) = InputLayers.Sizes(problem, options.InputLayer);
            var entries = (double)problem.InputCount * options.InputLayer.CodeWidth.WidthEstimate(problem.OutputCount);
            return new ConstructionSizes(inputEntries, inputNeurons, entries, Math.Ceiling(options.InputLayer.BaseNeuronsEstimate(problem.OutputCount, problem.Sparsity)), entries);
        },
    };

    private static NetworkParts Build(PermutationProblem problem, SuperposedPermutationOptions options, Seed seed)
    {
        var spec = problem.Spec;
        var rng = new Rng(seed);
        var (inputCode, encoding) = InputLayers.Draw(spec, options.InputLayer, rng);
        var width = options.InputLayer.Width(spec.OutputCount);
        var outputNeurons = options.InputLayer.BaseNeurons(spec.OutputCount, spec.Sparsity);
        var outputCode = CodeFactory.Uniform(spec.OutputCount, outputNeurons, width, rng);
        var compute = ComputeMatrix.FromColumns(outputNeurons, spec.InputCount, _ => width, (input, rows, weights) =>
        {
            var support = outputCode.Support(problem.Permutation[input]);
            support.CopyTo(rows);
            weights[..support.Length].Fill(1);
            return support.Length;
        });
        var biases = new double[outputNeurons];
        Array.Fill(biases, -options.ReadThreshold);
        return new NetworkParts
        {
            InputEncoding = encoding,
            InputCode = inputCode,
            Compute = compute,
            Biases = ImmutableCollectionsMarshal.AsImmutableArray(biases),
            OutputCode = outputCode,
            Decoder = new Decoder.AllAbove(options.DecodeThreshold),
            Layout = [new NeuronSegment("outputs", 0, outputNeurons)],
        };
    }
}
