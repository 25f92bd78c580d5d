namespace Superposition.Statistics;

/// <summary>
/// Samples and wrong samples split by how many true outputs the input has: none, one, two, three or
/// more. Inputs with no true output can only fail by a false positive, inputs with several true outputs
/// put the most activation on the output code, so the split tells interference from missing signal.
/// A monoid like <see cref="ErrorStatistics"/>: fixed fields rather than an array, so equality and
/// <see cref="Combine"/> stay by value.
/// </summary>
public readonly record struct TrueOutputClasses(
    long SamplesNone,
    long SamplesOne,
    long SamplesTwo,
    long SamplesThreeOrMore,
    long WrongNone,
    long WrongOne,
    long WrongTwo,
    long WrongThreeOrMore)
{
    public static TrueOutputClasses Empty => new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Counts one sample with <paramref name="trueOutputs"/> true outputs, wrong or not.</summary>
    public TrueOutputClasses Add(int trueOutputs, bool wrong)
    {
        var w = wrong ? 1 : 0;
        return trueOutputs switch
        {
            <= 0 => this with { SamplesNone = SamplesNone + 1, WrongNone = WrongNone + w },
            1 => this with { SamplesOne = SamplesOne + 1, WrongOne = WrongOne + w },
            2 => this with { SamplesTwo = SamplesTwo + 1, WrongTwo = WrongTwo + w },
            _ => this with { SamplesThreeOrMore = SamplesThreeOrMore + 1, WrongThreeOrMore = WrongThreeOrMore + w },
        };
    }

    public TrueOutputClasses Combine(TrueOutputClasses other) => new(
        SamplesNone + other.SamplesNone,
        SamplesOne + other.SamplesOne,
        SamplesTwo + other.SamplesTwo,
        SamplesThreeOrMore + other.SamplesThreeOrMore,
        WrongNone + other.WrongNone,
        WrongOne + other.WrongOne,
        WrongTwo + other.WrongTwo,
        WrongThreeOrMore + other.WrongThreeOrMore);
}
