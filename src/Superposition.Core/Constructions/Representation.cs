using Superposition.Codes;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// Baseline that computes nothing (docs/mathematics.md §6): the true outputs themselves are
/// OR-encoded into a code of width w over d neurons and threshold-decoded, like a Bloom filter.
/// w = max(min_code_width, ⌈c_b · log2 m'⌉) and d = ⌈neuron_factor · max(1, C(s,2)) · w⌉, so d grows like
/// log m': the "representing versus computing" gap. Sweep neuron_factor to find the smallest clean d.
/// </summary>
public static class Representation
{
    private static readonly ParameterDefinition NeuronFactor = ParameterDefinition.Positive("neuron_factor", 4, "d = ⌈neuron_factor · max(1, true outputs at most) · w⌉");

    public static ConstructionDefinition Definition { get; } = new()
    {
        Name = "representation",
        Summary = "true outputs encoded directly in a code of O(log m') neurons; computes nothing (baseline, section 6)",
        Solves = [ProblemKind.And, ProblemKind.Permutation],
        NeverFalseNegative = true,
        Computes = false,
        Parameters = [InputLayers.CodeWidthFactor, InputLayers.MinCodeWidth, NeuronFactor, InputLayers.DecodeThreshold],
        Check = (_, parameters) => InputLayers.RequireMargin(1, parameters, "an encoded neuron's activation"),
        Build = Build,
    };

    /// <summary>d for a problem and parameters.</summary>
    public static int NeuronCount(ProblemSpec problem, ConstructionParameters parameters)
    {
        var width = InputLayers.CodeWidth(problem.OutputCount, parameters);
        var trueOutputs = problem.Kind == ProblemKind.And ? problem.Sparsity * (problem.Sparsity - 1) / 2 : problem.Sparsity;
        return Math.Max(width, (int)Math.Ceiling(parameters.Number(NeuronFactor.Name) * Math.Max(1, trueOutputs) * width));
    }

    public static Network Build(Problem problem, ConstructionParameters parameters, Seed seed)
    {
        var neurons = NeuronCount(problem.Spec, parameters);
        var width = InputLayers.CodeWidth(problem.Spec.OutputCount, parameters);
        var code = CodeFactory.Uniform(problem.Spec.OutputCount, neurons, width, new Rng(seed));
        return Network.Create(
            Definition.Name, parameters, problem, seed, InputEncoding.Targets, code, compute: null, biases: [], code,
            DecodeRule.AllAbove, parameters.Number(InputLayers.DecodeThreshold.Name), [new NeuronSegment("code", 0, neurons)]);
    }
}
