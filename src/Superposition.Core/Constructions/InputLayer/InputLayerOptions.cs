using System.Collections.Immutable;
using Superposition.Problems;

namespace Superposition.Constructions;

/// <summary>
/// The input layer shared by the constructions of docs/mathematics.md §4 and §6: code width b,
/// n_0 = ⌈c_n · b · √(s · m')⌉ input neurons, and explicit inputs when m ≤ n_0 (or when asked).
/// </summary>
public sealed record InputLayerOptions
{
    public CodeWidthOptions CodeWidth { get; init; } = new();

    /// <summary>c_n.</summary>
    public double NeuronFactor { get; init; } = 2.5;

    public InputEncodingChoice Encoding { get; init; } = InputEncodingChoice.Auto;

    /// <summary>b for m' outputs.</summary>
    public int Width(int outputCount) => CodeWidth.Width(outputCount);

    /// <summary>n_0 for m' outputs at sparsity s.</summary>
    public int BaseNeurons(int outputCount, int sparsity) => checked((int)Math.Ceiling(BaseNeuronsEstimate(outputCount, sparsity)));

    /// <summary>c_n · b · √(s · m') in double (never overflows), for checks and estimates.</summary>
    public double BaseNeuronsEstimate(int outputCount, int sparsity) => NeuronFactor * CodeWidth.WidthEstimate(outputCount) * Math.Sqrt((double)sparsity * outputCount);

    /// <summary>Whether inputs are explicit for this problem.</summary>
    public bool IsExplicit(ProblemSpec problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Encoding switch
        {
            InputEncodingChoice.Explicit => true,
            InputEncodingChoice.Superposed => false,
            _ => problem.InputCount <= Math.Ceiling(BaseNeuronsEstimate(problem.OutputCount, problem.Sparsity)),
        };
    }

    /// <summary>The four input-layer parameters, on an options record that holds these options as a part.</summary>
    public static ImmutableArray<Parameter<TOptions>> Parameters<TOptions>(Func<TOptions, InputLayerOptions> part, Func<TOptions, InputLayerOptions, TOptions> withPart) =>
    [
        .. CodeWidthOptions.Parameters<InputLayerOptions>(o => o.CodeWidth, (o, v) => o with { CodeWidth = v }).Select(p => p.Within(part, withPart)),
        Parameter.Number<InputLayerOptions>("neuron_factor", "c_n: n_0 = ⌈c_n · b · √(s · m')⌉", o => o.NeuronFactor, (o, v) => o with { NeuronFactor = v }).Within(part, withPart),
        Parameter.Choice<InputLayerOptions, InputEncodingChoice>(
            "input_encoding",
            "auto: explicit inputs when m ≤ n_0; explicit; superposed",
            [("auto", InputEncodingChoice.Auto), ("explicit", InputEncodingChoice.Explicit), ("superposed", InputEncodingChoice.Superposed)],
            o => o.Encoding,
            (o, v) => o with { Encoding = v }).Within(part, withPart),
    ];
}
