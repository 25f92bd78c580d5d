using Superposition.Reports.Analysis;
using Superposition.Reports.Tests.Support;
using Xunit;

namespace Superposition.Reports.Tests;

public class SettingsTests
{
    [Fact]
    public void Of_labels_a_construction_with_one_setting_by_its_name()
    {
        var settings = Settings.Of(SyntheticRows.Superposed([1000, 10_000]));

        var setting = Assert.Single(settings);
        Assert.Equal("superposed-and", setting.Label);
        Assert.Equal(8, setting.Rows.Length);
        Assert.Equal(2.5, setting.Number("neuron_factor"));
    }

    [Fact]
    public void Of_names_only_the_parameters_that_vary_within_a_construction()
    {
        var settings = Settings.Of([.. SyntheticRows.Representation([1000], [1.0, 2.0]), .. SyntheticRows.Dedicated([1000])]);

        Assert.Equal(["representation (neuron_factor=1)", "representation (neuron_factor=2)", "dedicated"], settings.Select(s => s.Label));
    }

    [Fact]
    public void Of_splits_and_labels_settings_by_sparsity()
    {
        var rows = SyntheticRows.Dedicated([1000, 10_000]).SelectMany(r => new[] { r, r with { Sparsity = 4 } });

        var settings = Settings.Of(rows);

        Assert.Equal(["dedicated (problem.sparsity=3)", "dedicated (problem.sparsity=4)"], settings.Select(s => s.Label));
        Assert.All(settings, s => Assert.Equal(2, s.Rows.Length));
    }

    [Fact]
    public void Relabel_names_only_what_varies_within_the_subset()
    {
        var settings = Settings.Of(SyntheticRows.Representation([1000], [1.0, 2.0]));

        var relabelled = Settings.Relabel(settings.Take(1));

        Assert.Equal("representation (neuron_factor=1)", settings[0].Label);
        Assert.Equal("representation", Assert.Single(relabelled).Label);
    }

    [Fact]
    public void MeanByOutputCount_averages_replicates_and_distributions()
    {
        var rows = new[]
        {
            SyntheticRows.Row("dedicated", 100, 10, 0, 2.5, replicate: 0),
            SyntheticRows.Row("dedicated", 100, 20, 0, 2.5, replicate: 1, distribution: "with-true-pair"),
            SyntheticRows.Row("dedicated", 10, 1, 0, 2.5),
        };

        var curve = Curves.MeanByOutputCount(rows, r => r.NeuronCount);

        Assert.Equal([new CurvePoint(10, 1), new CurvePoint(100, 15)], curve.AsEnumerable());
    }

    [Fact]
    public void Parse_reads_numbers_as_written_and_strings_unquoted()
    {
        var parameters = Settings.Parse("""{"neuron_factor":2.5,"input_encoding":"superposed","min_code_width":4}""");

        Assert.Equal("2.5", parameters["neuron_factor"]);
        Assert.Equal("superposed", parameters["input_encoding"]);
        Assert.Equal("4", parameters["min_code_width"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public void Parse_yields_no_parameters_for_anything_but_an_object(string text) =>
        Assert.Empty(Settings.Parse(text));

    [Fact]
    public void PooledErrors_recomputes_the_rate_and_bound_from_pooled_counts()
    {
        var rows = new[]
        {
            SyntheticRows.Row("dedicated", 100, 10, 0, 2.5, wrong: 0, samples: 1000),
            SyntheticRows.Row("dedicated", 100, 10, 0, 2.5, wrong: 10, samples: 1000),
        };

        var pooled = PooledErrors.Of(rows);

        Assert.Equal(new PooledErrors(2000, 10), pooled);
        Assert.Equal(0.005, pooled.Rate, 12);
        Assert.Equal(Superposition.Statistics.ErrorStatistics.ClopperPearsonUpper(10, 2000, 0.05), pooled.Upper95);
        Assert.InRange(pooled.Upper95, 0.005, 0.01);
    }
}
