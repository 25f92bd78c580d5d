using Superposition.Reports.Analysis;
using Superposition.Reports.Figures;
using Superposition.Reports.Tests.Support;
using Xunit;

namespace Superposition.Reports.Tests;

public class FiguresTests
{
    [Fact]
    public void Choose_takes_the_smallest_clean_representation_code_at_each_m_prime()
    {
        var settings = Settings.Of(SyntheticRows.Representation([1000, 100_000], [1.0, 1.5, 2.0, 3.0]));

        var choices = GapFigure.Choose(settings);

        Assert.Equal([1000, 100_000], choices.Select(c => c.OutputCount));
        Assert.All(choices, c => Assert.Equal(2.0, c.Setting.Number("neuron_factor")));
        Assert.Equal(SyntheticRows.RepresentationNeurons(1000, 2.0), choices[0].Neurons);
    }

    [Fact]
    public void Choose_leaves_out_an_m_prime_where_no_code_was_clean()
    {
        var settings = Settings.Of(SyntheticRows.Representation([1000], [1.0, 1.5]));

        Assert.Empty(GapFigure.Choose(settings));
    }

    [Fact]
    public void Choose_keeps_a_single_setting_even_with_errors()
    {
        var settings = Settings.Of(SyntheticRows.Representation([1000, 10_000], [1.0]));

        var choices = GapFigure.Choose(settings);

        Assert.Equal(2, choices.Length);
        Assert.All(choices, c => Assert.Equal(10, c.Errors.WrongSamples));
    }

    [Fact]
    public void SeriesOf_pools_replicates_and_finds_where_errors_stop()
    {
        var settings = Settings.Of(SyntheticRows.Transition([0.75, 1.0, 1.5, 2.0]));

        var series = TransitionFigure.SeriesOf(settings);

        Assert.Equal(["m' = 10,000, uniform", "m' = 10,000, with-true-pair"], series.Select(s => s.Label));
        Assert.All(series, s => Assert.Equal(1.5, s.CleanFrom()));
        Assert.Equal([750L, 500L, 0L, 0L], series[0].Points.Select(p => p.Errors.WrongSamples));
    }

    [Fact]
    public void CleanFrom_is_null_when_the_largest_factor_still_fails()
    {
        var settings = Settings.Of(SyntheticRows.Transition([0.75, 1.0]));

        Assert.All(TransitionFigure.SeriesOf(settings), s => Assert.Null(s.CleanFrom()));
    }

    [Fact]
    public void SeriesOf_leaves_out_series_with_a_single_neuron_factor()
    {
        var sweep = SyntheticRows.Transition([1.0, 2.0]).Where(r => r.InputDistribution == "uniform");
        var elsewhere = SyntheticRows.Superposed([1000]).Where(r => r.InputDistribution == "uniform");

        var series = TransitionFigure.SeriesOf(Settings.Of([.. sweep, .. elsewhere]));

        Assert.Equal("m' = 10,000", Assert.Single(series).Label);
    }
}
