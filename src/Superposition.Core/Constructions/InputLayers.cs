using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// The input layer and sizing rules shared by the constructions of sections 4 and 6:
/// b = max(min_code_width, ⌈c_b · log2 m'⌉), n_0 = ⌈c_n · b · √(s · m')⌉, and explicit inputs when m ≤ n_0
/// (or when the spec asks).
/// </summary>
public static class InputLayers
{
    public static ImmutableArray<string> EncodingChoices { get; } = ["auto", "explicit", "superposed"];

    public static ParameterDefinition CodeWidthFactor { get; } = ParameterDefinition.Positive("code_width_factor", 1.0, "c_b: code width b = max(min_code_width, ⌈c_b · log2 m'⌉)");

    public static ParameterDefinition MinCodeWidth { get; } = ParameterDefinition.Positive("min_code_width", 4, "smallest code width b", integer: true);

    public static ParameterDefinition NeuronFactor { get; } = ParameterDefinition.Positive("neuron_factor", 2.5, "c_n: n_0 = ⌈c_n · b · √(s · m')⌉");

    public static ParameterDefinition Encoding { get; } = ParameterDefinition.Choice("input_encoding", "auto", EncodingChoices, "auto: explicit inputs when m ≤ n_0; explicit; superposed");

    public static ParameterDefinition DecodeThreshold { get; } = ParameterDefinition.Positive("decode_threshold", 0.25, "γ: an output is 1 iff every neuron of its code is above γ");

    /// <summary>b for m' outputs.</summary>
    public static int CodeWidth(int outputCount, ConstructionParameters parameters) =>
        Math.Max(parameters.Integer(MinCodeWidth.Name), (int)Math.Ceiling(parameters.Number(CodeWidthFactor.Name) * Log2Of(outputCount)));

    /// <summary>n_0 for m' outputs at sparsity s.</summary>
    public static int BaseNeurons(int outputCount, int sparsity, ConstructionParameters parameters) =>
        checked((int)Math.Ceiling(parameters.Number(NeuronFactor.Name) * CodeWidth(outputCount, parameters) * Math.Sqrt((double)sparsity * outputCount)));

    /// <summary>Whether inputs are explicit for this problem and parameters.</summary>
    public static bool IsExplicit(ProblemSpec problem, ConstructionParameters parameters) => parameters.Choice(Encoding.Name) switch
    {
        "explicit" => true,
        "superposed" => false,
        _ => problem.InputCount <= BaseNeurons(problem.OutputCount, problem.Sparsity, parameters),
    };

    /// <summary>Problems with the shared sizing: a superposed code must fit in its n_0 neurons.</summary>
    public static IEnumerable<string> Check(ProblemSpec problem, ConstructionParameters parameters)
    {
        var width = CodeWidth(problem.OutputCount, parameters);
        var neurons = (double)parameters.Number(NeuronFactor.Name) * width * Math.Sqrt((double)problem.Sparsity * problem.OutputCount);
        if (neurons > int.MaxValue / 2)
        {
            yield return $"n_0 = {neurons:0} neurons is too large";
        }
        else if (Math.Ceiling(neurons) < width + 1)
        {
            yield return $"n_0 = {Math.Ceiling(neurons)} neurons cannot hold a code of width b = {width}; raise neuron_factor";
        }
    }

    /// <summary>
    /// The no-false-negative argument needs a true output's neurons to sit above γ: the smallest
    /// activation of a true output (<paramref name="trueActivation"/>) must exceed decode_threshold.
    /// </summary>
    public static IEnumerable<string> RequireMargin(double trueActivation, ConstructionParameters parameters, string expression)
    {
        var threshold = parameters.Number(DecodeThreshold.Name);
        if (!(trueActivation > threshold))
        {
            yield return $"{expression} = {trueActivation} must exceed decode_threshold = {threshold}, or true outputs would be missed";
        }
    }

    /// <summary>Draws the input code: explicit, or width b over n_0 neurons in input order.</summary>
    public static (Code Code, InputEncoding Encoding) Draw(ProblemSpec problem, ConstructionParameters parameters, Rng rng)
    {
        if (IsExplicit(problem, parameters))
        {
            return (CodeFactory.Explicit(problem.InputCount), InputEncoding.Explicit);
        }
        var width = CodeWidth(problem.OutputCount, parameters);
        var neurons = BaseNeurons(problem.OutputCount, problem.Sparsity, parameters);
        return (CodeFactory.Uniform(problem.InputCount, neurons, width, rng), InputEncoding.Superposed);
    }

    private static double Log2Of(int count) => count <= 1 ? 0.0 : Math.Log2(count);
}
