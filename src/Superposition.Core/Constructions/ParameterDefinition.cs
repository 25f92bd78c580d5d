using System.Collections.Immutable;
using System.Globalization;

namespace Superposition.Constructions;

/// <summary>
/// What the rest of the product sees of one construction parameter: its name, a number (with its
/// default and valid range) or a choice among fixed words, and a description. The spec parser checks
/// values against it, the docs table is generated from it, and the generators draw values inside it.
/// Typed access to a construction's options goes through <see cref="Parameter{TOptions}"/>.
/// </summary>
public sealed record ParameterDefinition
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>Default of a numeric parameter; null for a choice.</summary>
    public double? DefaultNumber { get; init; }

    /// <summary>Default of a choice parameter; null for a number.</summary>
    public string? DefaultChoice { get; init; }

    public ImmutableArray<string> Choices { get; init; } = [];

    /// <summary>Valid values (numbers only).</summary>
    public NumberRange Range { get; init; } = NumberRange.Positive;

    /// <summary>Values must be whole numbers (numbers only).</summary>
    public bool Integer { get; init; }

    /// <summary>
    /// Added after case ids were fixed: left out of the canonical parameters (and so of case ids, seeds
    /// and the construction_params column) while it holds its default, so existing cases keep their ids
    /// (docs/spec-format.md, "Case ids and seeds").
    /// </summary>
    public bool OmittedAtDefault { get; init; }

    /// <summary>
    /// A free text value (a file path), not a choice among words: its default is
    /// <see cref="DefaultChoice"/> and it is recorded among the canonical choices, as a string.
    /// </summary>
    public bool IsText { get; init; }

    public bool IsChoice => DefaultChoice is not null && !IsText;

    /// <summary>The default as the spec parser's raw value: a double or a string.</summary>
    public object DefaultValue => (object?)DefaultNumber ?? DefaultChoice!;

    /// <summary>Whether the value is recorded as a string (a choice or a text), not a number.</summary>
    public bool IsString => IsChoice || IsText;

    /// <summary>Whether <paramref name="value"/> (a double or a string) is this parameter's default.</summary>
    public bool IsDefault(object value) => IsString ? Equals(value, DefaultChoice) : value is double number && number == DefaultNumber;

    /// <summary>The problem with a proposed value, or null when it is acceptable.</summary>
    public string? Check(object value) => IsText
        ? value is string ? null : $"expected a string, got {value}"
        : (IsChoice, value) switch
        {
            (true, string word) when Choices.Contains(word) => null,
            (true, string word) => $"'{word}' is not one of {string.Join(", ", Choices)}",
            (true, _) => $"expected one of {string.Join(", ", Choices)} (a string), got {value}",
            (false, double number) when !double.IsFinite(number) => $"must be a finite number, got {number}",
            (false, double number) when !Range.Contains(number) => $"must be {Range.Requirement()}, got {number.ToString(CultureInfo.InvariantCulture)}",
            (false, double number) when Integer && number != Math.Floor(number) => $"must be a whole number, got {number}",
            // Integer parameters are read with a checked int conversion: a larger value must fail here, not throw there.
            (false, double number) when Integer && number is > int.MaxValue or < int.MinValue => $"must be a whole number between {int.MinValue} and {int.MaxValue}, got {number}",
            (false, double) => null,
            (false, _) => $"expected a number, got '{value}'",
        };
}
