using Superposition.Reports.Figures;
using Superposition.Reports.Tests.Support;
using Superposition.Rows;
using Xunit;

namespace Superposition.Reports.Tests;

/// <summary>The trained-against-constructed figure: series per network kind on the problems a trained or hybrid network was run on, replicates pooled, units as documented.</summary>
public sealed class TrainedFigureTests
{
    private static CaseRow Row(string construction, long hidden, long outputs, long wrong, int replicate = 0, string parameters = "{}", int inputCount = 100, string status = "ok") => new()
    {
        Sweep = "tvc",
        CaseId = $"{construction}{hidden}{outputs}{parameters}{inputCount}",
        Replicate = replicate,
        Status = status,
        Problem = "and",
        Graph = "complete",
        InputCount = inputCount,
        OutputCount = 4950,
        Sparsity = 3,
        InputDistribution = "uniform",
        Construction = construction,
        ConstructionParams = parameters,
        InputNeurons = inputCount,
        HiddenNeurons = hidden,
        OutputNeurons = outputs,
        NeuronCount = inputCount + hidden + outputs,
        WeightCount = 10 * (hidden + outputs),
        Samples = 1000,
        SamplesCorrect = 1000 - wrong,
    };

    private static readonly CaseRow[] Rows =
    [
        Row("trained", 50, 4950, 600),
        Row("trained", 100, 4950, 250),
        Row("trained", 100, 4950, 270, replicate: 1),
        Row("hybrid", 4950, 4950, 1000, parameters: "{\"base\":\"dedicated\",\"steps\":300}"),
        Row("dedicated", 0, 4950, 0),
        Row("superposed-and", 0, 15_000, 0),
        Row("trained", 200, 4950, 0, status: "failed"),
        // A problem no trained network ran on: left out.
        Row("dedicated", 0, 4950, 0, inputCount: 300),
    ];

    [Fact]
    public void Series_are_network_kinds_on_trained_problems_with_replicates_pooled()
    {
        var series = TrainedFigure.SeriesOf(Rows);

        Assert.Equal(["dedicated", "hybrid on dedicated", "superposed-and", "trained"], series.Select(s => s.Network));
        Assert.All(series, s => Assert.Equal(100, s.Problem.InputCount));
        var trained = series.Single(s => s.Network == "trained");
        Assert.Equal([50L, 100L], trained.Points.Select(p => p.Units));
        Assert.Equal((2000L, 520L), (trained.Points[1].Samples, trained.Points[1].Wrong));
        Assert.Equal(0.26, trained.Points[1].Rate, 12);
        // A construction's computing units are the units its decoder reads; a hybrid's, the hidden ones.
        Assert.Equal(15_000, series.Single(s => s.Network == "superposed-and").Points.Single().Units);
        Assert.Equal(4950, series.Single(s => s.Network == "hybrid on dedicated").Points.Single().Units);
    }

    [Fact]
    public void The_figure_is_a_picture_and_the_section_names_the_winners()
    {
        using var directory = new TempDirectory();

        var part = TrainedFigure.Build(Rows, directory.Root);

        Assert.True(Assert.Single(part.Figures).Written);
        Png.AssertPicture(File.ReadAllBytes(directory.PathOf(TrainedFigure.FileName)));
        Assert.Contains("fewest computing units below a 1% sample error rate: dedicated with 4,950", part.Section, StringComparison.Ordinal);
        Assert.Contains("best trained or hybrid: trained with 100 units, 520 of 2000 wrong", part.Section, StringComparison.Ordinal);
        Assert.Contains("| m = 100, m' = 4,950 (complete), s = 3, uniform | trained | 50 | 5,100 | 50,000 | 600 / 1000 | 0.600 |", part.Section, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_trained_or_hybrid_network_the_figure_is_skipped_with_its_reason()
    {
        using var directory = new TempDirectory();

        var part = TrainedFigure.Build([Row("dedicated", 0, 4950, 0)], directory.Root);

        var outcome = Assert.Single(part.Figures);
        Assert.False(outcome.Written);
        Assert.Contains("trained or hybrid", outcome.SkipReason, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.PathOf(TrainedFigure.FileName)));
    }
}
