using System.Collections.Immutable;

namespace Superposition.Constructions;

/// <summary>
/// One named construction parameter: a number (with its default and lower limit) or a choice among
/// fixed words. Every constant of a construction is one of these, so a spec can set it and a dataset
/// records it.
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

    /// <summary>Values must be strictly above this (numbers only).</summary>
    public double ExclusiveMinimum { get; init; } = double.NegativeInfinity;

    /// <summary>Values must be whole numbers (numbers only).</summary>
    public bool Integer { get; init; }

    public bool IsChoice => DefaultChoice is not null;

    /// <summary>A positive number, the usual kind of constant.</summary>
    public static ParameterDefinition Positive(string name, double defaultValue, string description, bool integer = false) =>
        new() { Name = name, DefaultNumber = defaultValue, Description = description, ExclusiveMinimum = 0, Integer = integer };

    public static ParameterDefinition Choice(string name, string defaultValue, ImmutableArray<string> choices, string description) =>
        new() { Name = name, DefaultChoice = defaultValue, Choices = choices, Description = description };

    /// <summary>The problem with a proposed value, or null when it is acceptable.</summary>
    public string? Check(object value) => (IsChoice, value) switch
    {
        (true, string word) when Choices.Contains(word) => null,
        (true, string word) => $"'{word}' is not one of {string.Join(", ", Choices)}",
        (true, _) => $"expected one of {string.Join(", ", Choices)} (a string), got {value}",
        (false, double number) when !double.IsFinite(number) => $"must be a finite number, got {number}",
        (false, double number) when number <= ExclusiveMinimum => $"must be greater than {ExclusiveMinimum}, got {number}",
        (false, double number) when Integer && number != Math.Floor(number) => $"must be a whole number, got {number}",
        // Integer parameters are read with a checked int conversion: a larger value must fail here, not throw there.
        (false, double number) when Integer && number is > int.MaxValue or < int.MinValue => $"must be a whole number between {int.MinValue} and {int.MaxValue}, got {number}",
        (false, double) => null,
        (false, _) => $"expected a number, got '{value}'",
    };
}
