using System.Collections.Immutable;

namespace Superposition.Decoding;

/// <summary>
/// How an output feature is read from the activations of its code's neurons: a closed sum type whose
/// cases are the reference semantics (docs/mathematics.md §3). Every evaluator decides "fires" as
/// <see cref="Margin"/> &gt; 0 of this definition; the factored kernel specialises each case into a struct
/// operator of its own, chosen in the one dispatch switch of <c>FactoredEvaluator.Evaluate</c>.
/// A new decoder is one case here, one operator and one arm of that switch (docs/extending/decoder.md).
/// </summary>
public abstract partial record Decoder
{
    /// <summary>The metadata key of an exported network that names its decoder.</summary>
    public const string RuleKey = "decode_rule";

    private Decoder()
    {
    }

    /// <summary>The decoder's name in exported files and docs (for example "all-above").</summary>
    public abstract string Name { get; }

    /// <summary>γ or θ: the activation level the rule compares against.</summary>
    public abstract double Threshold { get; }

    /// <summary>The decoder's parameters by name, for provenance and docs.</summary>
    public abstract ImmutableArray<KeyValuePair<string, double>> Parameters { get; }

    /// <summary>Every decoder name <see cref="FromMetadata"/> reads.</summary>
    public static ImmutableArray<string> Names { get; } = [AllAbove.RuleName, MeanAbove.RuleName, KOfW.RuleName];

    /// <summary>
    /// Whether an output whose support neurons have <paramref name="supportActivations"/> (in support
    /// order, each ReLU output so ≥ 0) reads as 1. Equals <c>Margin(supportActivations) &gt; 0</c>.
    /// </summary>
    public abstract bool Fires(ReadOnlySpan<double> supportActivations);

    /// <summary>
    /// The rule's statistic minus <see cref="Threshold"/>: positive iff the output reads as 1. An empty
    /// support reads at the floor, 0 − threshold.
    /// </summary>
    public abstract double Margin(ReadOnlySpan<double> supportActivations);

    /// <summary>
    /// The metadata entries of an exported network that name this decoder (the threshold is the file's
    /// <c>decode_threshold</c> tensor). For all-above and mean-above this is <c>decode_rule</c> alone, as
    /// in every file written before k-of-w existed.
    /// </summary>
    public ImmutableSortedDictionary<string, string> ToMetadata() =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(RuleKey, Name), .. ExtraMetadata()]);

    /// <summary>
    /// The decoder an exported network's <paramref name="metadata"/> names, with
    /// <paramref name="threshold"/> from its tensor. Throws <see cref="InvalidDataException"/> on an
    /// unknown rule or a missing or malformed parameter.
    /// </summary>
    public static Decoder FromMetadata(IReadOnlyDictionary<string, string> metadata, double threshold)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var rule = metadata.TryGetValue(RuleKey, out var name) ? name : throw new InvalidDataException($"the file's metadata has no '{RuleKey}'");
        return rule switch
        {
            AllAbove.RuleName => new AllAbove(threshold),
            MeanAbove.RuleName => new MeanAbove(threshold),
            KOfW.RuleName => new KOfW(KOfW.ReadK(metadata), threshold),
            _ => throw new InvalidDataException($"unknown {RuleKey} '{rule}'; this reader knows {string.Join(", ", Names)}"),
        };
    }

    /// <summary>Metadata beyond the rule's name (k for k-of-w).</summary>
    private protected virtual IEnumerable<KeyValuePair<string, string>> ExtraMetadata() => [];
}
