using Superposition.Codes;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>The input layer's checks and draw, shared by every construction that reads inputs (docs/mathematics.md §3).</summary>
public static class InputLayers
{
    /// <summary>γ of the all-above decoders of the constructions here.</summary>
    public const double DefaultDecodeThreshold = 0.25;

    /// <summary>The description of every decode_threshold parameter.</summary>
    public const string DecodeThresholdDescription = "γ: an output is 1 iff every neuron of its code is above γ";

    /// <summary>
    /// Problems with the shared sizing: b, n_0 and the input code's m · b entries must fit the arrays that
    /// hold them, and a superposed code must fit in its n_0 neurons.
    /// </summary>
    public static IEnumerable<ParameterError> Check(ProblemSpec problem, InputLayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var width = options.CodeWidth.WidthEstimate(problem.OutputCount);
        var widthParameter = options.CodeWidth.WidthParameter(problem.OutputCount);
        if (SizeLimits.Exceeds(width, "code width b", widthParameter) is { } tooWide)
        {
            yield return tooWide;
            yield break;
        }
        var neurons = options.BaseNeuronsEstimate(problem.OutputCount, problem.Sparsity);
        if (SizeLimits.Exceeds(Math.Ceiling(neurons), "n_0 = ⌈neuron_factor · b · √(s · m')⌉", "neuron_factor") is { } tooMany)
        {
            yield return tooMany;
        }
        else if (Math.Ceiling(neurons) < width + 1)
        {
            yield return new ParameterError("neuron_factor", $"n_0 = {Math.Ceiling(neurons)} neurons cannot hold a code of width b = {width}; raise neuron_factor");
        }
        else if (!options.IsExplicit(problem) && SizeLimits.Exceeds((double)problem.InputCount * width, "input code entries m · b", widthParameter) is { } tooManyEntries)
        {
            yield return tooManyEntries;
        }
    }

    /// <summary>
    /// The no-false-negative argument needs a true output's neurons to sit above γ: the smallest
    /// activation of a true output (<paramref name="trueActivation"/>, the value of
    /// <paramref name="expression"/>, which names <paramref name="parameter"/>) must exceed decode_threshold.
    /// </summary>
    public static IEnumerable<ParameterError> RequireMargin(double trueActivation, double decodeThreshold, string expression, string parameter)
    {
        if (!(trueActivation > decodeThreshold))
        {
            yield return new ParameterError(parameter, $"{expression} = {trueActivation} must exceed decode_threshold = {decodeThreshold}, or true outputs would be missed");
        }
    }

    /// <summary>Draws the input code: explicit, or width b over n_0 neurons in input order.</summary>
    public static (Code Code, InputEncoding Encoding) Draw(ProblemSpec problem, InputLayerOptions options, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsExplicit(problem))
        {
            return (CodeFactory.Explicit(problem.InputCount), InputEncoding.Explicit);
        }
        var width = options.Width(problem.OutputCount);
        var neurons = options.BaseNeurons(problem.OutputCount, problem.Sparsity);
        return (CodeFactory.Uniform(problem.InputCount, neurons, width, rng), InputEncoding.Superposed);
    }

    /// <summary>Input code sizes for the memory estimate: m entries on m neurons when explicit, else m · b on n_0.</summary>
    public static (double Entries, double Neurons) Sizes(ProblemSpec problem, InputLayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        double m = problem.InputCount;
        return options.IsExplicit(problem)
            ? (m, m)
            : (m * options.Width(problem.OutputCount), Math.Ceiling(options.BaseNeuronsEstimate(problem.OutputCount, problem.Sparsity)));
    }
}
