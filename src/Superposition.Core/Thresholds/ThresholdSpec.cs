using System.Collections.Immutable;
using Superposition.Specs;
using Superposition.Sweeps;

namespace Superposition.Thresholds;

/// <summary>
/// The <c>threshold</c> section of a sweep spec (docs/spec-format.md, "Threshold searches"): for every
/// (case, replicate) of the sweep, search the smallest value of one numeric construction parameter at
/// which the evaluation sees no wrong input. Each probe is the run a plain sweep with that value would
/// make: the problem instance and the inputs do not depend on the parameter, so the probes of one search
/// differ only in the network.
/// </summary>
/// <param name="Parameter">The construction parameter searched, without the <c>params.</c> prefix.</param>
public sealed record ThresholdSpec(string Parameter, ThresholdSettings Settings)
{
    /// <summary>How many times an end of the bracket may move outwards unless the spec says otherwise.</summary>
    public const int DefaultMaxExpansions = 2;

    /// <summary>At most this many expansions: each doubles the bracket, so more would reach absurd sizes.</summary>
    public const int MaxExpansionsLimit = 10;

    /// <summary>The spec field the search sets: <c>params.&lt;parameter&gt;</c>.</summary>
    public string Field => SpecFields.ParamsPrefix + Parameter;

    /// <summary>The largest value a search can probe: the upper end after every upward expansion.</summary>
    public double LargestProbe
    {
        get
        {
            var (low, high) = (Settings.Low, Settings.High);
            for (var k = 0; k < Settings.MaxExpansions; k++)
            {
                (low, high) = (high, high + 2 * (high - low));
            }
            return high;
        }
    }

    /// <summary>The smallest value a search can probe: the lower limit (downward expansions stop there).</summary>
    public double SmallestProbe => Settings.LowerLimit;

    /// <summary>
    /// An upper bound on the probes of one search: every expansion of one end (the search moves one end
    /// only), then bisection of a bracket at most 2^(expansions+1) initial widths wide down to the tolerance.
    /// </summary>
    public int MaxProbes
    {
        get
        {
            var widest = Math.Max(LargestProbe - Settings.Low, (Settings.High - Settings.Low) * Math.Pow(2, Settings.MaxExpansions + 1));
            var bisections = (int)Math.Ceiling(Math.Log2(Math.Max(1, widest / Settings.Tolerance))) + 1;
            return Settings.MaxExpansions + 2 + bisections;
        }
    }
}

/// <summary>Probe runs of a threshold sweep: the sweep's runs with the searched parameter set to one value.</summary>
public static class ThresholdProbes
{
    /// <summary>
    /// The runs of <paramref name="spec"/> with its searched parameter at <paramref name="value"/>, in the
    /// sweep's order, so run k at every value belongs to search k. The parser checked the smallest and the
    /// largest value a search can probe (case by case, like any sweep); values between them are valid for
    /// every parameter whose checks are monotone in it, and a build that still fails at one gives a failed
    /// row, which the search counts as not exact.
    /// </summary>
    public static ImmutableArray<RunCase> RunsAt(SweepSpec spec, double value)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var threshold = spec.Threshold ?? throw new ArgumentException("the spec has no threshold section", nameof(spec));
        return SweepExpansion.Expand(At(spec, threshold, value));
    }

    /// <summary>
    /// The runs at the smallest and at the largest value a search can probe: what memory checks look at,
    /// since a size may grow at either end (superposed-and's blocks grow as its channel shrinks).
    /// </summary>
    public static (ImmutableArray<RunCase> Smallest, ImmutableArray<RunCase> Largest) RunsAtBothEnds(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var threshold = spec.Threshold ?? throw new ArgumentException("the spec has no threshold section", nameof(spec));
        return (RunsAt(spec, threshold.SmallestProbe), RunsAt(spec, threshold.LargestProbe));
    }

    /// <summary>The spec with the searched parameter set in its base.</summary>
    internal static SweepSpec At(SweepSpec spec, ThresholdSpec threshold, double value) =>
        spec with { Base = spec.Base.SetItem(threshold.Field, value == 0 ? 0.0 : value) };
}
