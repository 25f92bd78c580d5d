namespace Superposition.Thresholds;

/// <summary>
/// What one probe of the parameter saw: how many evaluated inputs were wrong, out of how many, or that no
/// network could be built at that value (<paramref name="Failed"/>), which is not exact either.
/// </summary>
public readonly record struct ProbeOutcome(long WrongInputs, long Samples, bool Failed = false)
{
    public bool Exact => !Failed && WrongInputs == 0;
}

/// <summary>One probe as recorded: the parameter value and what the evaluation at that value saw.</summary>
public readonly record struct ThresholdProbe(double Value, long WrongInputs, long Samples, bool Failed = false)
{
    public bool Exact => !Failed && WrongInputs == 0;
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

/// <summary>The status words of thresholds.parquet.</summary>
public static class ThresholdStatusNames
{
    public static string Of(ThresholdStatus status) => status switch
    {
        ThresholdStatus.Found => "found",
        ThresholdStatus.ExactAtLowerLimit => "exact_at_min",
        ThresholdStatus.NoExactValue => "no_exact_value",
        ThresholdStatus.NoWrongValue => "no_wrong_value",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown threshold status"),
    };
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
        ArgumentNullException.ThrowIfNull(probe);
        // Every await below completes synchronously with a synchronous probe, so this does not block on work elsewhere.
        return SearchAsync(settings, value => ValueTask.FromResult(probe(value))).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>As <see cref="Search"/>, for a probe that runs asynchronously (a pipeline run); probes are made one at a time.</summary>
    public static async ValueTask<ThresholdResult> SearchAsync(ThresholdSettings settings, Func<double, ValueTask<ProbeOutcome>> probe)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(probe);
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        }

        var probes = new List<ThresholdProbe>();
        async ValueTask<bool> Exact(double value)
        {
            var outcome = await probe(value).ConfigureAwait(false);
            probes.Add(new ThresholdProbe(value, outcome.WrongInputs, outcome.Samples, outcome.Failed));
            return outcome.Exact;
        }

        var low = settings.Low;
        var high = settings.High;

        // Upper end: move up until exact.
        var expansions = 0;
        var lowKnownWrong = false;
        while (!await Exact(high).ConfigureAwait(false))
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
        while (!lowKnownWrong && await Exact(low).ConfigureAwait(false))
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
            if (await Exact(middle).ConfigureAwait(false))
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
