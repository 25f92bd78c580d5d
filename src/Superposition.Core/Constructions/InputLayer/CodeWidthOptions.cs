using System.Collections.Immutable;

namespace Superposition.Constructions;

/// <summary>The code width rule b = max(min_code_width, ⌈c_b · log2 m'⌉) of docs/mathematics.md §3.</summary>
public sealed record CodeWidthOptions
{
    /// <summary>c_b.</summary>
    public double Factor { get; init; } = 1.0;

    /// <summary>The smallest code width.</summary>
    public int Minimum { get; init; } = 4;

    /// <summary>b for m' outputs; validation has checked <see cref="WidthEstimate"/> against <see cref="SizeLimits.MaxCount"/>.</summary>
    public int Width(int outputCount) => (int)WidthEstimate(outputCount);

    /// <summary>b in double, so that a huge code_width_factor is seen by the checks instead of saturating an int.</summary>
    public double WidthEstimate(int outputCount) =>
        Math.Max(Minimum, Math.Ceiling(Factor * (outputCount <= 1 ? 0.0 : Math.Log2(outputCount))));

    /// <summary>The parameter that sets b for m' outputs: min_code_width when it wins the max, else code_width_factor.</summary>
    public string WidthParameter(int outputCount) => WidthEstimate(outputCount) > Minimum ? "code_width_factor" : "min_code_width";

    /// <summary>code_width_factor and min_code_width, on an options record that holds these options as a part.</summary>
    public static ImmutableArray<Parameter<TOptions>> Parameters<TOptions>(Func<TOptions, CodeWidthOptions> part, Func<TOptions, CodeWidthOptions, TOptions> withPart) =>
    [
        Parameter.Number<CodeWidthOptions>("code_width_factor", "c_b: code width b = max(min_code_width, ⌈c_b · log2 m'⌉)", o => o.Factor, (o, v) => o with { Factor = v }).Within(part, withPart),
        Parameter.Integer<CodeWidthOptions>("min_code_width", "smallest code width b", o => o.Minimum, (o, v) => o with { Minimum = v }).Within(part, withPart),
    ];
}
