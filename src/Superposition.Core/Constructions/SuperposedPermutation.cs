using System.Runtime.InteropServices;
using Superposition.Codes;
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
    private static readonly ParameterDefinition Threshold = ParameterDefinition.Positive("read_threshold", 0.5, "neuron bias is -read_threshold");

    public static ConstructionDefinition Definition { get; } = new()
    {
        Name = "superposed-permutation",
        Summary = "neural permutation with superposed inputs and outputs (section 6)",
        Solves = [ProblemKind.Permutation],
        NeverFalseNegative = true,
        Parameters = [InputLayers.CodeWidthFactor, InputLayers.MinCodeWidth, InputLayers.NeuronFactor, InputLayers.Encoding, InputLayers.DecodeThreshold, Threshold],
        Check = (problem, parameters) => InputLayers.Check(problem, parameters).Concat(
            InputLayers.RequireMargin(1 - parameters.Number(Threshold.Name), parameters, "1 - read_threshold")),
        Build = Build,
    };

    public static Network Build(Problem problem, ConstructionParameters parameters, Seed seed)
    {
        var permutation = (PermutationProblem)problem;
        var spec = problem.Spec;
        var rng = new Rng(seed);
        var (inputCode, encoding) = InputLayers.Draw(spec, parameters, rng);
        var width = InputLayers.CodeWidth(spec.OutputCount, parameters);
        var outputNeurons = InputLayers.BaseNeurons(spec.OutputCount, spec.Sparsity, parameters);
        var outputCode = CodeFactory.Uniform(spec.OutputCount, outputNeurons, width, rng);
        var compute = ComputeMatrix.FromColumns(outputNeurons, spec.InputCount, _ => width, (input, rows, weights) =>
        {
            var support = outputCode.Support(permutation.Permutation[input]);
            support.CopyTo(rows);
            weights[..support.Length].Fill(1);
            return support.Length;
        });
        var biases = new double[outputNeurons];
        Array.Fill(biases, -parameters.Number(Threshold.Name));
        return Network.Create(
            Definition.Name, parameters, problem, seed, encoding, inputCode, compute,
            ImmutableCollectionsMarshal.AsImmutableArray(biases), outputCode,
            DecodeRule.AllAbove, parameters.Number(InputLayers.DecodeThreshold.Name),
            [new NeuronSegment("outputs", 0, outputNeurons)]);
    }
}
