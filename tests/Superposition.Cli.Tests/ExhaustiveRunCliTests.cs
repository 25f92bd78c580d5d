using System.Text.Json;
using Superposition.Cli.Tests.Support;
using Superposition.Datasets.Journals;
using Superposition.Specs;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>`"inputs": "all"` through the command line: refused up front when too large, resumable, listing wrong inputs.</summary>
[Collection("console")]
public class ExhaustiveRunCliTests
{
    // At m = 30, superposed-and's size is set by its blocks: block_factor 0.5 undersizes it at neuron_factor 1.0.
    private const string Small = """
        { "name": "every", "seed": 3, "construction": "superposed-and",
          "problem": { "kind": "and", "graph": "random", "input_count": 30, "output_count": 300, "sparsity": 3 },
          "params": { "neuron_factor": 1.0 },
          "axes": [ { "params.block_factor": [0.5, 4] }, { "input_distribution": ["uniform", "up-to"] } ],
          "evaluation": { "inputs": "all", "batch_size": 300 } }
        """;

    private const string TooLarge = """
        { "name": "too-large", "seed": 3, "construction": "dedicated",
          "problem": { "kind": "and", "graph": "random", "input_count": 2000, "output_count": 300, "sparsity": 3 },
          "evaluation": { "inputs": "all" } }
        """;

    [Fact]
    public async Task Plan_and_run_refuse_more_inputs_than_the_budget_with_exit_2_and_write_nothing()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "too-large", TooLarge);

        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", directory["out"]);

        Assert.Equal((2, 2), (plan.Exit, run.Exit));
        Assert.Contains("evaluation.inputs: every input of m = 2000, s = 3 is C(m, s) = 1,331,334,000 inputs", plan.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory["out"], "too-large")));
    }

    [Fact]
    public async Task An_exhaustive_run_lists_the_wrong_inputs_and_a_resumed_run_writes_the_same_dataset()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "every", Small);
        var reference = await InProcess.InvokeAsync("run", spec, "--out", directory["reference"]);
        Assert.True(reference.Exit == 0, reference.Error);
        var expected = await DatasetFiles.CasesAsync(Path.Combine(directory["reference"], "every", "cases.parquet"));

        Assert.All(expected, row => Assert.True(row.Exhaustive));
        Assert.Equal([4060L, 4060, 4526, 4526], expected.Select(r => r.Samples).Order());
        var undersized = expected.Where(r => r.ConstructionParams.Contains("\"block_factor\":0.5", StringComparison.Ordinal)).ToList();
        Assert.All(undersized, row =>
        {
            var wrong = row.Samples - row.SamplesCorrect;
            Assert.True(wrong > 0, "the undersized network was right on every input");
            Assert.Equal((int)Math.Min(wrong, 100), JsonSerializer.Deserialize<int[][]>(row.WrongInputs)!.Length);
            Assert.True(row.MaxFalseMargin > 0);
        });

        // An attempt that finished the first run only: the resumed run evaluates the rest and commits what an uninterrupted run writes.
        var dataset = Path.Combine(directory["out"], "every");
        var header = new JournalHeader("every", SpecParser.HashOf(File.ReadAllText(spec)), null, false, ToolInfo.Version, DateTimeOffset.UtcNow, expected.Count);
        await using (var journal = RunJournal.Open(dataset, header, expected.Select(row => new RunKey(new CaseId(row.CaseId), row.Replicate)), keepFinished: false))
        {
            await journal.WriteAsync(expected[0], [], CancellationToken.None);
        }
        var resumed = await InProcess.InvokeAsync("run", spec, "--out", directory["out"], "--resume");

        Assert.True(resumed.Exit == 0, resumed.Error);
        Assert.Equal(expected, await DatasetFiles.CasesAsync(Path.Combine(dataset, "cases.parquet")));
    }
}
