using System.Collections.Immutable;

namespace Superposition.Statistics;

/// <summary>
/// Which inputs break a network: the worst input (the largest false margin, the one closest to a false
/// positive, or past it) and the first wrong inputs by sample index, at most <see cref="Cap"/>. A monoid
/// like the counts beside it: the worst is the largest margin with ties to the smaller index, the
/// wrong ones the smallest indices of the union, so the result does not depend on how batches were
/// grouped or ordered. Equality is by value.
/// </summary>
public sealed class InputWitnesses : IEquatable<InputWitnesses>
{
    /// <summary>The most wrong inputs kept: enough to look at, bounded so a row stays small whatever the run.</summary>
    public const int Cap = 100;

    private InputWitnesses(long worstIndex, double worstMargin, ImmutableArray<int> worstInput, ImmutableArray<Witness> wrong)
    {
        (WorstIndex, WorstMargin, WorstInput, Wrong) = (worstIndex, worstMargin, worstInput, wrong);
    }

    /// <summary>No input seen.</summary>
    public static InputWitnesses Empty { get; } = new(-1, double.NegativeInfinity, [], []);

    /// <summary>Sample index of the worst input; −1 when no input was seen.</summary>
    public long WorstIndex { get; }

    /// <summary>The worst input's largest false margin (−∞ when it has no false output at all).</summary>
    public double WorstMargin { get; }

    /// <summary>The worst input's active features, ascending.</summary>
    public ImmutableArray<int> WorstInput { get; }

    /// <summary>Wrong inputs in ascending sample index, at most <see cref="Cap"/>.</summary>
    public ImmutableArray<Witness> Wrong { get; }

    /// <summary>One input: its sample index and active features.</summary>
    public readonly record struct Witness(long Index, ImmutableArray<int> Input);

    /// <summary>The witnesses of one input.</summary>
    public static InputWitnesses Of(long index, ReadOnlySpan<int> input, double maxFalseMargin, bool wrong)
    {
        var features = ImmutableArray.Create(input);
        return new InputWitnesses(index, maxFalseMargin, features, wrong ? [new Witness(index, features)] : []);
    }

    /// <summary>
    /// The witnesses of a set of inputs whose worst is known: what a batch's scoring builds in one pass
    /// without allocating per input. <paramref name="wrong"/> is sorted and cut to <see cref="Cap"/>.
    /// </summary>
    public static InputWitnesses Create(long worstIndex, double worstMargin, ImmutableArray<int> worstInput, IEnumerable<Witness> wrong)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worstIndex);
        var sorted = wrong.ToList();
        sorted.Sort(Compare);
        return new InputWitnesses(worstIndex, worstMargin, worstInput, [.. sorted.Take(Cap)]);
    }

    public InputWitnesses Combine(InputWitnesses? other)
    {
        if (other is null || other.WorstIndex < 0)
        {
            return this;
        }
        if (WorstIndex < 0)
        {
            return other;
        }
        var (worst, _) = Beats(other, this) ? (other, this) : (this, other);
        return new InputWitnesses(worst.WorstIndex, worst.WorstMargin, worst.WorstInput, Merge(Wrong, other.Wrong));
    }

    /// <summary>
    /// Larger margin wins (double.CompareTo, a total order with NaN lowest); on a tie (−∞ included) the
    /// smaller index, then the smaller input: a total order, so the choice is an order-free maximum.
    /// </summary>
    private static bool Beats(InputWitnesses a, InputWitnesses b)
    {
        var byMargin = a.WorstMargin.CompareTo(b.WorstMargin);
        return byMargin != 0 ? byMargin > 0 : Compare(new Witness(a.WorstIndex, a.WorstInput), new Witness(b.WorstIndex, b.WorstInput)) < 0;
    }

    /// <summary>By index, then lexicographically by input: inputs of different runs can share an index.</summary>
    private static int Compare(Witness a, Witness b)
    {
        var byIndex = a.Index.CompareTo(b.Index);
        return byIndex != 0 ? byIndex : a.Input.AsSpan().SequenceCompareTo(b.Input.AsSpan());
    }

    /// <summary>The <see cref="Cap"/> smallest of both sorted lists (a multiset union, so associative and commutative).</summary>
    private static ImmutableArray<Witness> Merge(ImmutableArray<Witness> a, ImmutableArray<Witness> b)
    {
        if (b.IsEmpty)
        {
            return a;
        }
        if (a.IsEmpty)
        {
            return b;
        }
        var merged = ImmutableArray.CreateBuilder<Witness>(Math.Min(Cap, a.Length + b.Length));
        int i = 0, j = 0;
        while (merged.Count < Cap && (i < a.Length || j < b.Length))
        {
            merged.Add(j == b.Length || (i < a.Length && Compare(a[i], b[j]) <= 0) ? a[i++] : b[j++]);
        }
        return merged.MoveToImmutable();
    }

    public bool Equals(InputWitnesses? other) =>
        other is not null &&
        WorstIndex == other.WorstIndex &&
        WorstMargin.Equals(other.WorstMargin) &&
        WorstInput.SequenceEqual(other.WorstInput) &&
        Wrong.Length == other.Wrong.Length &&
        Wrong.Zip(other.Wrong).All(p => p.First.Index == p.Second.Index && p.First.Input.SequenceEqual(p.Second.Input));

    public override bool Equals(object? obj) => Equals(obj as InputWitnesses);

    public override int GetHashCode() => HashCode.Combine(WorstIndex, WorstMargin, Wrong.Length);
}
