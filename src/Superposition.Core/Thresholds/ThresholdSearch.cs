namespace Superposition.Thresholds;

/// <summary>What one probe of the parameter saw: how many evaluated inputs were wrong, out of how many.</summary>
public readonly record struct ProbeOutcome(long WrongInputs, long Samples)
{
    public bool Exact => WrongInputs == 0;
}

/// <summary>One probe as recorded: the parameter value and what the evaluation at that value saw.</summary>
public readonly record struct ThresholdProbe(double Value, long WrongInputs, long Samples)
{
    public bool Exact => WrongInputs == 0;
}

/// <summary>How a search ended.</summary>
public enum ThresholdStatus
{
    /// <summary>A bracket (wrong at low, exact at high) narrowed to the tolerance.</summary>
    Found,

    /// <summary>Exact already at the lower limit: the threshold is at or below it.</summary>
    ExactAtLowerLimit,

    /// <summary>No exact value up to the last upward expansion.</summary>
    NoExactValue,

    /// <summary>Exact at every value probed down to the last downward expansion (above the lower limit).</summary>
    NoWrongValue,
}

/// <summary>
/// The result of a search. <see cref="Threshold"/> is the smallest probed value seen exact (the upper
/// end of the final bracket), or null when none was. Every probe is kept, in the order made, because
/// monotonicity is an assumption: <see cref="Monotone"/> says whether the probes agree with it.
/// </summary>
public sealed record ThresholdResult(
    ThresholdStatus Status,
    double? Threshold,
    double BracketLow,
    double BracketHigh,
    IReadOnlyList<ThresholdProbe> Probes)
{
    /// <summary>False when some value was exact while a larger one was wrong.</summary>
    public bool Monotone => ThresholdSearch.IsMonotone(Probes);
}

/// <summary>Where to start and when to stop.</summary>
/// <param name="Low">Initial lower end of the bracket (expected wrong).</param>
/// <param name="High">Initial upper end (expected exact); must exceed <paramref name="Low"/>.</param>
/// <param name="Tolerance">Stop when the bracket is at most this wide; positive.</param>
/// <param name="LowerLimit">The smallest value the parameter admits; the bracket never goes below it.</param>
/// <param name="MaxExpansions">How many times each end may be moved outwards before giving up.</param>
public sealed record ThresholdSettings(double Low, double High, double Tolerance, double LowerLimit, int MaxExpansions = 8)
{
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!double.IsFinite(Low) || !double.IsFinite(High) || !(Low < High))
        {
            problems.Add("low must be finite and smaller than high");
        }
        if (!double.IsFinite(Tolerance) || !(Tolerance > 0))
        {
            problems.Add("tolerance must be a positive number");
        }
        if (!(Low >= LowerLimit))
        {
            problems.Add($"low must be at least {LowerLimit}");
        }
        if (MaxExpansions < 0)
        {
            problems.Add("max expansions must not be negative");
        }
        return problems;
    }
}

/// <summary>
/// Brackets and bisects the smallest parameter value whose evaluation has zero wrong inputs. Pure: the
/// caller's <c>probe</c> runs the existing evaluation at one value; this only decides where to look next.
/// Brackets widen by doubling their width (downwards clamped to the lower limit) so a bad initial guess
/// costs a logarithmic number of extra probes.
/// </summary>
public static class ThresholdSearch
{
    public static ThresholdResult Search(ThresholdSettings settings, Func<double, ProbeOutcome> probe)
    {
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        }

        var probes = new List<ThresholdProbe>();
        bool Exact(double value)
        {
            var outcome = probe(value);
            probes.Add(new ThresholdProbe(value, outcome.WrongInputs, outcome.Samples));
            return outcome.Exact;
        }

        var low = settings.Low;
        var high = settings.High;

        // Upper end: move up until exact.
        var expansions = 0;
        var lowKnownWrong = false;
        while (!Exact(high))
        {
            if (expansions++ == settings.MaxExpansions)
            {
                return new ThresholdResult(ThresholdStatus.NoExactValue, null, high, high, probes);
            }
            var width = high - low;
            low = high;
            lowKnownWrong = true;
            high += 2 * width;
        }

        // Lower end: move down until wrong (or the limit is exact).
        expansions = 0;
        var step = settings.High - settings.Low;
        while (!lowKnownWrong && Exact(low))
        {
            high = low;
            if (low <= settings.LowerLimit)
            {
                return new ThresholdResult(ThresholdStatus.ExactAtLowerLimit, low, low, low, probes);
            }
            if (expansions++ == settings.MaxExpansions)
            {
                return new ThresholdResult(ThresholdStatus.NoWrongValue, low, low, low, probes);
            }
            step *= 2;
            low = Math.Max(settings.LowerLimit, low - step);
        }

        while (high - low > settings.Tolerance)
        {
            var middle = low + (high - low) / 2;
            if (middle <= low || middle >= high)
            {
                break; // floating-point resolution reached
            }
            if (Exact(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }
        return new ThresholdResult(ThresholdStatus.Found, high, low, high, probes);
    }

    /// <summary>True when no probe is exact at a value below a wrong probe.</summary>
    public static bool IsMonotone(IReadOnlyList<ThresholdProbe> probes)
    {
        var smallestExact = double.PositiveInfinity;
        var largestWrong = double.NegativeInfinity;
        foreach (var p in probes)
        {
            if (p.Exact)
            {
                smallestExact = Math.Min(smallestExact, p.Value);
            }
            else
            {
                largestWrong = Math.Max(largestWrong, p.Value);
            }
        }
        return !(smallestExact < largestWrong);
    }
}
