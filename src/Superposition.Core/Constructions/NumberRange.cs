using System.Globalization;

namespace Superposition.Constructions;

/// <summary>The valid values of a numeric parameter: a lower and an upper limit, each inclusive or exclusive (±∞ for none).</summary>
public readonly record struct NumberRange(double Minimum, bool MinimumInclusive, double Maximum, bool MaximumInclusive)
{
    /// <summary>Strictly above zero: the usual kind of constant.</summary>
    public static NumberRange Positive { get; } = new(0, false, double.PositiveInfinity, false);

    /// <summary>In (0, 1]: a fraction or a probability.</summary>
    public static NumberRange UnitInterval { get; } = new(0, false, 1, true);

    /// <summary>At least <paramref name="minimum"/>, no upper limit.</summary>
    public static NumberRange AtLeast(double minimum) => new(minimum, true, double.PositiveInfinity, false);

    public bool Contains(double value) =>
        (MinimumInclusive ? value >= Minimum : value > Minimum) && (MaximumInclusive ? value <= Maximum : value < Maximum);

    /// <summary>What a value must be, for messages: "greater than 0", "at least 1", "in (0, 1]".</summary>
    public string Requirement() => (double.IsPositiveInfinity(Maximum), MinimumInclusive) switch
    {
        (true, false) => $"greater than {Text(Minimum)}",
        (true, true) => $"at least {Text(Minimum)}",
        _ => $"in {this}",
    };

    /// <summary>Interval notation, for docs and messages: "(0, ∞)", "[1, ∞)", "(0, 1]".</summary>
    public override string ToString() =>
        $"{(MinimumInclusive ? "[" : "(")}{Text(Minimum)}, {Text(Maximum)}{(MaximumInclusive ? "]" : ")")}";

    private static string Text(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "−∞" : value.ToString(CultureInfo.InvariantCulture);
}
