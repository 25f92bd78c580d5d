using Superposition.Constructions;
using Superposition.Decoding;
using Superposition.Problems;

namespace Superposition.Core.Tests.Variants;

/// <summary>
/// A variant of superposed-and (docs/mathematics.md §4) read out by k-of-w: an output is 1 iff at least
/// k of its b_out code neurons are above γ. It reuses superposed-and's parameters, checks, layer and
/// sizes, and adds one parameter, k; since k ≤ b_out, a true output (every neuron above γ) still fires.
/// </summary>
public static class SuperposedAndKOfW
{
    public static ConstructionDefinition<AndProblem, SuperposedAndKOfWOptions> Definition { get; } = new()
    {
        Name = "superposed-and-k-of-w",
        Summary = "superposed-and read out by k of its b_out code neurons above γ",
        Role = ConstructionRole.ComputesProblem,
        Solves = [ProblemKind.And],
        NeverFalseNegative = true,
        Schema =
        [
            .. SuperposedAnd.LayerParameters.Select(p => p.Within<SuperposedAndKOfWOptions>(o => o.Layer, (o, layer) => o with { Layer = layer })),
            Parameter.Integer<SuperposedAndKOfWOptions>("k", "an output is 1 iff at least k of its code neurons are above γ", o => o.K, (o, k) => o with { K = k }),
        ],
        CheckOptions = (problem, options) => SuperposedAnd.CheckLayer(problem, options.Layer).Concat(
            options.K <= options.Layer.InputLayer.Width(problem.OutputCount)
                ? []
                : [new ParameterError("k", $"k = {options.K} exceeds the code width b = {options.Layer.InputLayer.Width(problem.OutputCount)}")]),
        BuildParts = (problem, options, seed) =>
            SuperposedAndLayer.Draw(problem, options.Layer, seed).WithDecoder(new Decoder.KOfW(options.K, options.Layer.DecodeThreshold)),
        Sizes = (problem, options) => SuperposedAnd.Sizes(problem, options.Layer),
    };
}
