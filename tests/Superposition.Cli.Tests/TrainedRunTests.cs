using Superposition.Cli.Tests.Support;
using Superposition.Datasets;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>The trained construction through the command line: a spec names it, a run trains and records the training columns, constructed rows leave them null.</summary>
[Collection("console")]
public class TrainedRunTests
{
    private const string Spec = """
        { "name": "trained-tiny", "seed": 4, "replicates": 2,
          "problem": { "kind": "and", "graph": "complete", "input_count": 8, "output_count": 28, "sparsity": 2 },
          "params": { "input_encoding": "explicit" },
          "axes": [ { "construction": ["trained", "dedicated"] } ],
          "evaluation": { "samples": 200, "batch_size": 100 } }
        """;

    [Fact]
    public async Task A_run_trains_and_fills_the_training_columns_of_trained_rows_only()
    {
        using var directory = new TemporaryDirectory();
        // The shared params block sets input_encoding for both; the trainer's own parameters would be unknown to dedicated.
        var spec = TestSpecs.Write(directory, "trained-tiny", Spec);
        var first = directory["first"];
        var second = directory["second"];

        var plan = await InProcess.InvokeAsync("plan", spec);
        var run = await InProcess.InvokeAsync("run", spec, "--out", first);
        var again = await InProcess.InvokeAsync("run", spec, "--out", second);

        Assert.True((plan.Exit, run.Exit, again.Exit) == (0, 0, 0), $"plan {plan.Exit}: {plan.Error}\nrun {run.Exit}: {run.Error}\nagain {again.Exit}: {again.Error}");
        var rows = await DatasetReader.ReadCasesAsync(Path.Combine(first, "trained-tiny", "cases.parquet"));
        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal("ok", row.Status);
            if (row.Construction == "trained")
            {
                Assert.Equal(1000, row.TrainingSteps);
                Assert.True(row.TrainingFinalLoss is > 0 and < 1, $"final loss {row.TrainingFinalLoss}");
                Assert.True(row.TrainingSeconds is >= 0);
                Assert.NotNull(row.TrainingSeed);
                Assert.Equal((8, 100, 28), (row.InputNeurons, row.HiddenNeurons, row.OutputNeurons));
            }
            else
            {
                Assert.Equal((null, null, null, null), (row.TrainingFinalLoss, row.TrainingSteps, row.TrainingSeconds, row.TrainingSeed));
            }
        }
        var trained = rows.Where(r => r.Construction == "trained").ToArray();
        Assert.NotEqual(trained[0].TrainingSeed, trained[1].TrainingSeed);
        // Two runs of the same spec: the same rows but for the wall-clock columns, the training's included.
        Assert.Equal(await DatasetFiles.CasesAsync(Path.Combine(first, "trained-tiny", "cases.parquet")), await DatasetFiles.CasesAsync(Path.Combine(second, "trained-tiny", "cases.parquet")));
    }

    [Fact]
    public async Task Export_refuses_a_hybrid_with_exit_code_2_and_says_why()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "hybrid-tiny", """
            { "name": "hybrid-tiny", "seed": 4, "construction": "hybrid",
              "problem": { "kind": "and", "graph": "random", "input_count": 20, "output_count": 30, "sparsity": 3 },
              "params": { "base": "dedicated", "steps": 5, "batch_size": 8 } }
            """);
        var plan = await InProcess.CaptureAsync("plan", spec, "--all");
        Assert.Equal(0, plan.Exit);
        // plan --all prints one tab-separated line per run: index, case id, replicate, construction, ...
        var caseId = plan.Output.Split('\n').Select(line => line.Split('\t')).First(fields => fields.Length > 3 && fields[3] == "hybrid")[1];
        var export = await InProcess.InvokeAsync("export", spec, "--case", caseId, "--out", directory["hybrid.safetensors"]);
        Assert.Equal(2, export.Exit);
        Assert.Contains("affine layers only", export.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(directory["hybrid.safetensors"]));
    }
}
