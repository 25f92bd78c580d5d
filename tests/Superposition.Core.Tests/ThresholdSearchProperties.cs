using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Thresholds;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The threshold search against monotone step functions (wrong below a step, exact at and above it):
/// it finds the step within the tolerance wherever the step sits relative to the initial bracket
/// (inside, above it so the upper end must expand, below it so the lower end must expand, at or
/// under the lower limit), and it records every probe it made, in order, with what the probe returned.
/// </summary>
public class ThresholdSearchProperties
{
    public sealed record Case(double LowerLimit, double Low, double High, double Tolerance, double Step)
    {
        public ThresholdSettings Settings => new(Low, High, Tolerance, LowerLimit, MaxExpansions: 8);

        public override string ToString() => $"limit {LowerLimit}, [{Low}, {High}], tol {Tolerance}, step {Step}";
    }

    // The step ranges from below the lower limit to ten bracket widths above the initial high, so every
    // branch (no expansion, upward, downward, limit reached) is drawn; 8 expansions reach far beyond.
    private static Gen<Case> Cases { get; } =
        from limit in Gen.Choose(-50, 50).Select(v => v / 10.0)
        from lowOffset in Gen.Choose(0, 100).Select(v => v / 10.0)
        from width in Gen.Choose(1, 100).Select(v => v / 20.0)
        from tolerance in Gen.Elements(1e-6, 1e-3, 0.01, 0.1, 1.0)
        from stepFraction in Gen.Choose(-2000, 12000).Select(v => v / 1000.0)
        let low = limit + lowOffset
        let high = low + width
        let step = low + stepFraction * width
        select new Case(limit, low, high, tolerance, step);

    private static ProbeOutcome StepFunction(Case c, double value) =>
        value < c.Step ? new ProbeOutcome(1 + (long)((c.Step - value) * 100), 1000) : new ProbeOutcome(0, 1000);

    [Property(MaxTest = 2000)]
    public Property Finds_the_step_within_tolerance() => Prop.ForAll(Arb.From(Cases), c =>
    {
        var result = ThresholdSearch.Search(c.Settings, v => StepFunction(c, v));

        if (c.Step <= c.LowerLimit)
        {
            Assert.Equal(ThresholdStatus.ExactAtLowerLimit, result.Status);
            Assert.Equal(c.LowerLimit, result.Threshold);
        }
        else
        {
            Assert.Equal(ThresholdStatus.Found, result.Status);
            Assert.True(result.BracketLow < c.Step && c.Step <= result.BracketHigh, $"bracket [{result.BracketLow}, {result.BracketHigh}]");
            Assert.True(result.BracketHigh - result.BracketLow <= c.Tolerance, $"width {result.BracketHigh - result.BracketLow}");
            Assert.Equal(result.BracketHigh, result.Threshold);
        }
        Assert.True(result.Monotone);
        Assert.All(result.Probes, p => Assert.True(p.Value >= c.LowerLimit));
    });

    [Property(MaxTest = 500)]
    public Property Records_every_probe_in_order_with_its_outcome() => Prop.ForAll(Arb.From(Cases), c =>
    {
        var calls = new List<(double Value, ProbeOutcome Outcome)>();
        var result = ThresholdSearch.Search(c.Settings, v =>
        {
            var outcome = StepFunction(c, v);
            calls.Add((v, outcome));
            return outcome;
        });

        Assert.Equal(calls.Select(x => new ThresholdProbe(x.Value, x.Outcome.WrongInputs, x.Outcome.Samples)), result.Probes);
        Assert.Equal(calls.Count, calls.Select(x => x.Value).Distinct().Count());
        // The reported ends of the bracket are values that were probed, with the outcome they claim.
        if (result.Status == ThresholdStatus.Found)
        {
            Assert.Contains(result.Probes, p => p.Value == result.BracketLow && !p.Exact);
            Assert.Contains(result.Probes, p => p.Value == result.BracketHigh && p.Exact);
        }
    });

    [Fact]
    public void Upper_end_expands_until_exact_and_gives_up_after_the_limit()
    {
        var never = ThresholdSearch.Search(new ThresholdSettings(1, 2, 0.01, 0, MaxExpansions: 3), _ => new ProbeOutcome(5, 100));
        Assert.Equal(ThresholdStatus.NoExactValue, never.Status);
        Assert.Null(never.Threshold);
        Assert.Equal(4, never.Probes.Count); // the initial high and three expansions
        Assert.True(never.Probes.Zip(never.Probes.Skip(1)).All(pair => pair.Second.Value > pair.First.Value));
    }

    [Fact]
    public void Lower_end_gives_up_above_the_limit_when_everything_is_exact()
    {
        var always = ThresholdSearch.Search(new ThresholdSettings(100, 101, 0.01, 0, MaxExpansions: 2), _ => new ProbeOutcome(0, 100));
        Assert.Equal(ThresholdStatus.NoWrongValue, always.Status);
        Assert.True(always.Threshold > 0);
    }

    [Fact]
    public void A_non_monotone_outcome_is_visible()
    {
        // Wrong below 1.5, exact on [1.5, 1.6), wrong again on [1.6, 1.7), exact from 1.7.
        static ProbeOutcome Bumpy(double v) => new(v < 1.5 || (v >= 1.6 && v < 1.7) ? 3 : 0, 100);
        var probes = new[] { new ThresholdProbe(1.55, Bumpy(1.55).WrongInputs, 100), new ThresholdProbe(1.65, Bumpy(1.65).WrongInputs, 100) };
        Assert.False(ThresholdSearch.IsMonotone(probes));
        Assert.True(ThresholdSearch.IsMonotone(probes.Reverse().Take(1).ToList()));
    }

    [Theory]
    [InlineData(2.0, 1.0, 0.1, 0.0)] // low above high
    [InlineData(1.0, 2.0, 0.0, 0.0)] // zero tolerance
    [InlineData(1.0, 2.0, 0.1, 1.5)] // low below the limit
    [InlineData(double.NaN, 2.0, 0.1, 0.0)]
    public void Bad_settings_are_refused(double low, double high, double tolerance, double limit)
    {
        var settings = new ThresholdSettings(low, high, tolerance, limit);
        Assert.NotEmpty(settings.Problems());
        Assert.Throws<ArgumentException>(() => ThresholdSearch.Search(settings, _ => new ProbeOutcome(0, 1)));
    }
}

/// <summary>
/// <see cref="ThresholdSpec.MaxProbes"/> bounds the probes of any search, whatever the probes return
/// (monotone or not, failed builds included): plan promises it, and the run-count limit relies on it.
/// </summary>
public class ThresholdProbeBoundProperties
{
    private static Gen<(ThresholdSpec Spec, int[] Outcomes)> Cases { get; } =
        from limit in Gen.Choose(0, 50).Select(v => v / 10.0)
        from lowOffset in Gen.Choose(0, 100).Select(v => v / 10.0)
        from width in Gen.Choose(1, 100).Select(v => v / 20.0)
        from tolerance in Gen.Elements(1e-6, 1e-3, 0.01, 0.1, 1.0, 10.0)
        from expansions in Gen.Choose(0, ThresholdSpec.MaxExpansionsLimit)
        from outcomes in Gen.Choose(0, 2).ArrayOf(200)
        select (new ThresholdSpec("p", new ThresholdSettings(limit + lowOffset, limit + lowOffset + width, tolerance, limit, expansions)), outcomes);

    [Property(MaxTest = 3000)]
    public Property No_search_makes_more_probes_than_the_bound() => Prop.ForAll(Arb.From(Cases), c =>
    {
        var call = 0;
        // 0: exact, 1: wrong, 2: failed to build; an arbitrary sequence, so every branch and non-monotone runs occur.
        var result = ThresholdSearch.Search(c.Spec.Settings, _ => c.Outcomes[call++ % c.Outcomes.Length] switch
        {
            0 => new ProbeOutcome(0, 10),
            1 => new ProbeOutcome(3, 10),
            _ => new ProbeOutcome(0, 0, Failed: true),
        });

        Assert.True(result.Probes.Count <= c.Spec.MaxProbes, $"{result.Probes.Count} probes, bound {c.Spec.MaxProbes}");
        Assert.All(result.Probes, p => Assert.InRange(p.Value, c.Spec.SmallestProbe, c.Spec.LargestProbe));
    });

    [Fact]
    public void A_failed_build_is_not_exact()
    {
        // Exact from 2 on, but the build fails at the initial high, 3: a failure counts as wrong, so the
        // upper end moves up (to 7) and the bracket narrows just above 3, never onto the failed value.
        var result = ThresholdSearch.Search(new ThresholdSettings(1, 3, 0.01, 0, 2), v => v == 3
            ? new ProbeOutcome(0, 0, Failed: true)
            : new ProbeOutcome(v >= 2 ? 0 : 1, 10));

        Assert.Equal(ThresholdStatus.Found, result.Status);
        Assert.InRange(result.Threshold!.Value, 3.0001, 3.01);
        Assert.Contains(result.Probes, p => p.Value == 3 && p.Failed && !p.Exact);
    }
}
