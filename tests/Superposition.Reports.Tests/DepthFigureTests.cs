using Superposition.Reports.Analysis;
using Superposition.Reports.Figures;
using Superposition.Rows;
using Xunit;

namespace Superposition.Reports.Tests;

/// <summary>The circuit figure: series per m', distribution and rethreshold against depth, replicates pooled; per-layer resources; skipped below two depths.</summary>
public sealed class DepthFigureTests
{
    private static CaseRow Row(int depth, string rethreshold, int replicate, long wrong, long neurons = 1000, long parameters = 9000, string threshold = "1.5") => new()
    {
        Sweep = "deep",
        CaseId = $"{depth}{rethreshold}{threshold}",
        Replicate = replicate,
        Status = "ok",
        Problem = "circuit",
        Graph = "random-layered",
        InputCount = 150,
        OutputCount = 10_000,
        Sparsity = 3,
        Depth = depth,
        InputDistribution = "with-true-gate",
        Construction = "superposed-circuit",
        ConstructionParams = $"{{\"channel_threshold\":{threshold},\"rethreshold\":\"{rethreshold}\"}}",
        InputNeurons = 150,
        NeuronCount = neurons + 150,
        ParameterCount = parameters,
        Samples = 100,
        SamplesCorrect = 100 - wrong,
    };

    [Fact]
    public void Series_pool_replicates_at_each_depth_and_split_by_rethreshold()
    {
        var settings = Settings.Of([Row(2, "off", 0, 100), Row(2, "off", 1, 50), Row(3, "off", 0, 7), Row(2, "on", 0, 0), Row(3, "on", 0, 0)]);

        var series = DepthFigure.SeriesOf(settings);

        Assert.Equal(["m' = 10,000, with-true-gate, rethreshold off", "m' = 10,000, with-true-gate, rethreshold on"], series.Select(s => s.Label));
        var off = series[0];
        Assert.Equal([2, 3], off.Points.Select(p => p.Depth));
        Assert.Equal((200L, 150L), (off.Points[0].Errors.Samples, off.Points[0].Errors.WrongSamples));
        Assert.Equal(0.07, off.Points[1].Errors.Rate, 12);
        Assert.All(series[1].Points, p => Assert.Equal(0, p.Errors.WrongSamples));
    }

    [Fact]
    public void Settings_that_differ_in_another_parameter_are_separate_series()
    {
        var settings = Settings.Of([Row(2, "off", 0, 0), Row(3, "off", 0, 10), Row(2, "off", 0, 90, threshold: "1.2"), Row(3, "off", 0, 100, threshold: "1.2")]);

        var series = DepthFigure.SeriesOf(settings);

        Assert.Equal(["m' = 10,000, with-true-gate, rethreshold off, channel_threshold=1.2", "m' = 10,000, with-true-gate, rethreshold off, channel_threshold=1.5"], series.Select(s => s.Label));
        Assert.Equal([90L, 100L], series[0].Points.Select(p => p.Errors.WrongSamples));
        Assert.Equal([0L, 10L], series[1].Points.Select(p => p.Errors.WrongSamples));
    }

    [Fact]
    public void Resources_per_layer_leave_out_the_input_neurons_and_divide_by_the_depth()
    {
        var settings = Settings.Of([Row(2, "on", 0, 0, neurons: 3000, parameters: 8000), Row(4, "on", 0, 0, neurons: 5000, parameters: 20_000)]);

        var resources = DepthFigure.ResourcesOf(settings);

        Assert.Equal([(2, 1500.0, 4000.0), (4, 1250.0, 5000.0)], resources.Select(r => (r.Depth, r.NeuronsPerLayer, r.ParametersPerLayer)));
    }

    [Fact]
    public void A_single_depth_is_skipped_with_its_reason()
    {
        var directory = Directory.CreateTempSubdirectory("superposition-depth-");
        try
        {
            var part = DepthFigure.Build(Settings.Of([Row(2, "on", 0, 0), Row(2, "off", 0, 3)]), directory.FullName);

            var outcome = Assert.Single(part.Figures);
            Assert.False(outcome.Written);
            Assert.Contains("single depth", outcome.SkipReason, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(directory.FullName, DepthFigure.FileName)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Two_depths_write_the_figure_and_its_section()
    {
        var directory = Directory.CreateTempSubdirectory("superposition-depth-");
        try
        {
            var part = DepthFigure.Build(Settings.Of([Row(2, "off", 0, 100), Row(3, "off", 0, 0)]), directory.FullName);

            Assert.True(Assert.Single(part.Figures).Written);
            Assert.True(new FileInfo(Path.Combine(directory.FullName, DepthFigure.FileName)).Length > 0);
            Assert.Contains("## Circuits: error rate against depth", part.Section, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
