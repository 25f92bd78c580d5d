using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// Baseline without output superposition (docs/mathematics.md §6): one neuron per pair,
/// z_e = ReLU(x̃_i + x̃_j − 1.5), read with threshold γ. Its n_in + m' neurons against superposed-and
/// locate the crossover m' beyond which superposition wins. Same input layer as superposed-and.
/// </summary>
public static class Dedicated
{
    private static readonly ParameterDefinition Threshold = ParameterDefinition.Positive("pair_threshold", 1.5, "neuron bias is -pair_threshold");

    public static ConstructionDefinition Definition { get; } = new()
    {
        Name = "dedicated",
        Summary = "one neuron per pair, no output superposition (baseline, section 6)",
        Solves = [ProblemKind.And],
        NeverFalseNegative = true,
        Parameters = [InputLayers.CodeWidthFactor, InputLayers.MinCodeWidth, InputLayers.NeuronFactor, InputLayers.Encoding, InputLayers.DecodeThreshold, Threshold],
        Check = (problem, parameters) => InputLayers.Check(problem, parameters).Concat(
            InputLayers.RequireMargin(2 - parameters.Number(Threshold.Name), parameters, "2 - pair_threshold")),
        Build = Build,
    };

    public static Network Build(Problem problem, ConstructionParameters parameters, Seed seed)
    {
        var and = (AndProblem)problem;
        var spec = problem.Spec;
        var (inputCode, encoding) = InputLayers.Draw(spec, parameters, new Rng(seed));
        var outputs = spec.OutputCount;
        var compute = ComputeMatrix.FromColumns(outputs, spec.InputCount, input => and.Pairs.Degrees[input], (input, rows, weights) =>
        {
            var pairs = and.Pairs.NeighbourOutputs(input);
            pairs.CopyTo(rows);
            weights[..pairs.Length].Fill(1);
            return pairs.Length;
        });
        var biases = Enumerable.Repeat(-parameters.Number(Threshold.Name), outputs).ToImmutableArray();
        return Network.Create(
            Definition.Name, parameters, problem, seed, encoding, inputCode, compute, biases,
            CodeFactory.Explicit(outputs), DecodeRule.AllAbove, parameters.Number(InputLayers.DecodeThreshold.Name),
            [new NeuronSegment("pairs", 0, outputs)]);
    }
}
