using System.Collections.Immutable;

namespace Superposition.Constructions;

/// <summary>The code width rule b = max(min_code_width, ⌈c_b · log2 m'⌉) of docs/mathematics.md §3.</summary>
public sealed record CodeWidthOptions
{
    /// <summary>c_b.</summary>
    public double Factor { get; init; } = 1.0;

    /// <summary>The smallest code width.</summary>
    public int Minimum { get; init; } = 4;

    /// <summary>b for m' outputs.</summary>
    public int Width(int outputCount) =>
        Math.Max(Minimum, (int)Math.Ceiling(Factor * (outputCount <= 1 ? 0.0 : Math.Log2(outputCount))));

    /// <summary>code_width_factor and min_code_width, on an options record that holds these options as a part.</summary>
    public static ImmutableArray<Parameter<TOptions>> Parameters<TOptions>(Func<TOptions, CodeWidthOptions> part, Func<TOptions, CodeWidthOptions, TOptions> withPart) =>
    [
        Parameter.Number<CodeWidthOptions>("code_width_factor", "c_b: code width b = max(min_code_width, ⌈c_b · log2 m'⌉)", o => o.Factor, (o, v) => o with { Factor = v }).Within(part, withPart),
        Parameter.Integer<CodeWidthOptions>("min_code_width", "smallest code width b", o => o.Minimum, (o, v) => o with { Minimum = v }).Within(part, withPart),
    ];
}
