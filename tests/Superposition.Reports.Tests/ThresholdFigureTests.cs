using Superposition.Reports.Tests.Support;
using Superposition.Rows;
using Xunit;

namespace Superposition.Reports.Tests;

/// <summary>The smallest-exact-network figure and table, on thresholds whose normalised sizes are known by hand.</summary>
public class ThresholdFigureTests
{
    /// <summary>A search row; neurons chosen so that neurons / (√m' · log2 m') is a round number.</summary>
    public static ThresholdRow Search(int outputs, long neurons, double threshold, int replicate, string status = "found") => new()
    {
        Sweep = "threshold",
        Search = replicate,
        Replicate = replicate,
        Problem = "and",
        Graph = "random",
        InputCount = outputs,
        OutputCount = outputs,
        Sparsity = 3,
        InputDistribution = "uniform",
        Construction = "superposed-and",
        Parameter = "neuron_factor",
        Inputs = "sampled",
        SamplesPerProbe = 2000,
        Status = status,
        Threshold = status == "found" ? threshold : double.NaN,
        BracketLow = threshold - 0.02,
        BracketHigh = threshold,
        Tolerance = 0.025,
        Probes = 8,
        Monotone = true,
        ThresholdCaseId = status == "found" ? $"case{outputs}-{replicate}" : null,
        NeuronCount = status == "found" ? neurons : 0,
        RefNeuronsLower = Math.Sqrt(outputs * Math.Log2(outputs)),
    };

    // m' = 1024: √m' · log2 m' = 32 · 10 = 320; m' = 4096: 64 · 12 = 768.
    public static IReadOnlyList<ThresholdRow> Rows { get; } =
    [
        Search(1024, 1600, 1.9, 0), Search(1024, 1920, 2.0, 1), Search(1024, 0, 2.5, 2, status: "no_exact_value"),
        Search(4096, 3840, 1.7, 0), Search(4096, 3072, 1.6, 1),
    ];

    [Fact]
    public void The_table_gives_each_m_its_found_searches_and_the_normalised_medians()
    {
        using var directory = new TempDirectory();

        var result = ReportBuilder.Generate([], Rows, directory.Root);

        var figure = Assert.Single(result.Figures, f => f.FileName == "threshold.png");
        Assert.True(figure.Written, figure.SkipReason);
        Png.AssertPicture(File.ReadAllBytes(Path.Combine(directory.Root, "threshold.png"))).Dispose();
        // 1,600 / 320 = 5 and 1,920 / 320 = 6: median 5.5; 3,840 / 768 = 5 and 3,072 / 768 = 4: median 4.5.
        Assert.Contains("| superposed-and (neuron_factor, uniform) | 1,024 | 2 / 3 | 1.95 (1.9–2) | 1,760 | 5.5 (5–6) |", result.Summary, StringComparison.Ordinal);
        Assert.Contains("| superposed-and (neuron_factor, uniform) | 4,096 | 2 / 2 | 1.65 (1.6–1.7) | 3,456 | 4.5 (4–5) |", result.Summary, StringComparison.Ordinal);
        // Over all four found searches: 4, 5, 5, 6.
        Assert.Contains("empirical constant (median over every search that found a threshold, m' = 1,024 to 4,096) 5, range 4 to 6.", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_thresholds_or_without_any_found_the_figure_is_skipped_saying_why()
    {
        using var directory = new TempDirectory();

        var none = ReportBuilder.Generate([], [], directory.Root);
        var unfound = ReportBuilder.Generate([], [Search(1024, 0, 2.5, 0, status: "no_exact_value")], directory.Root);

        Assert.Contains("the dataset has none", Assert.Single(none.Figures, f => f.FileName == "threshold.png").SkipReason, StringComparison.Ordinal);
        Assert.Contains("none of the 1 searches found a threshold", Assert.Single(unfound.Figures, f => f.FileName == "threshold.png").SkipReason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory.Root, "threshold.png")));
    }
}
