using System.Globalization;

namespace Superposition.Constructions;

/// <summary>
/// The limits of the structures a build fills, for the checks that run at validation: every count a
/// construction derives from its parameters (neurons, code entries, nonzeros of M) is computed in double
/// beforehand and compared with <see cref="MaxCount"/>, so nothing past validation can overflow an int
/// index or exceed an array.
/// </summary>
public static class SizeLimits
{
    /// <summary>The most elements one array holds; neurons, entries and nonzeros are int-indexed arrays, so no count may exceed it.</summary>
    public static double MaxCount => Array.MaxLength;

    /// <summary>An error at <paramref name="parameter"/> when <paramref name="count"/> (what <paramref name="expression"/> evaluates to) exceeds <see cref="MaxCount"/> or is not a number.</summary>
    public static ParameterError? Exceeds(double count, string expression, string parameter) =>
        count <= MaxCount
            ? null
            : new ParameterError(parameter, $"{expression} = {Format(count)} is more than the {Array.MaxLength.ToString(CultureInfo.InvariantCulture)} that one array holds; lower {parameter}");

    /// <summary>Short scientific form for counts that may be huge: "3.1e+12".</summary>
    public static string Format(double count) =>
        count < 1e9 ? Math.Ceiling(count).ToString("0", CultureInfo.InvariantCulture) : count.ToString("0.###e+0", CultureInfo.InvariantCulture);
}
