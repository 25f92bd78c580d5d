using Superposition.Rows;
using Xunit;

namespace Superposition.Cli.Tests;

public class SummaryTests
{
    private static CaseRow Row(string construction, string parameters, string graph, long wrong, string status = "ok") => new()
    {
        Sweep = "summary",
        CaseId = $"{construction}{parameters}{graph}",
        Status = status,
        Problem = "and",
        Graph = graph,
        Sparsity = 3,
        OutputCount = 1000,
        InputDistribution = "uniform",
        Construction = construction,
        ConstructionParams = parameters,
        NeuronCount = parameters.Contains("2.5", StringComparison.Ordinal) ? 900 : 400,
        Samples = status == "ok" ? 100 : 0,
        SamplesCorrect = status == "ok" ? 100 - wrong : 0,
    };

    [Fact]
    public void Settings_of_one_construction_are_separate_lines_labelled_by_what_differs()
    {
        CaseRow[] rows =
        [
            Row("superposed-and", """{"neuron_factor":2.5}""", "random", wrong: 0),
            Row("superposed-and", """{"neuron_factor":1}""", "random", wrong: 40),
            Row("superposed-and", """{"neuron_factor":2.5}""", "random", wrong: 2),
            Row("superposed-and", """{"neuron_factor":1}""", "random", wrong: 0, status: "failed"),
            Row("dedicated", "{}", "random", wrong: 0),
            Row("dedicated", "{}", "hubs", wrong: 7),
        ];

        var lines = Summary.Lines(rows);

        Assert.Equal(
            ["superposed-and (neuron_factor=2.5)", "superposed-and (neuron_factor=1)", "dedicated (problem.graph=random)", "dedicated (problem.graph=hubs)"],
            lines.Select(l => l.Setting));
        Assert.Equal([2L, 40, 0, 7], lines.Select(l => l.Wrong));
        Assert.Equal([200L, 100, 100, 100], lines.Select(l => l.Samples));
        Assert.Equal([900.0, 400, 400, 400], lines.Select(l => l.MeanNeurons!.Value));
        Assert.Equal([0, 1, 0, 0], lines.Select(l => l.Failed));
    }

    [Fact]
    public void Lines_of_one_setting_split_by_m_prime_and_input_distribution()
    {
        var row = Row("dedicated", "{}", "random", wrong: 1);
        CaseRow[] rows = [row, row with { OutputCount = 10 }, row with { InputDistribution = "up-to" }, row];

        var lines = Summary.Lines(rows);

        Assert.Equal([(1000, "uniform", 2), (10, "uniform", 1), (1000, "up-to", 1)], lines.Select(l => (l.OutputCount, l.InputDistribution, l.Rows.Count)));
        Assert.All(lines, l => Assert.Equal("dedicated", l.Setting));
    }
}
