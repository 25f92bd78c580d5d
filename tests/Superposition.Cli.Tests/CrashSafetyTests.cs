using Superposition.Cli.Tests.Support;
using Superposition.Datasets.Journals;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// A run killed at any moment leaves only complete Parquet files (or none), and `run --resume` finishes it
/// with exactly the dataset an uninterrupted run writes. The runs are child processes, killed for real.
/// </summary>
[Collection("console")]
public class CrashSafetyTests
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Run_killed_at_random_points_resumes_to_the_dataset_of_an_uninterrupted_run()
    {
        var (expectedCases, expectedSamples) = await TestSpecs.ResumableReferenceAsync();
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "resumable", TestSpecs.Resumable);
        var output = directory["out"];
        var dataset = Path.Combine(output, "resumable");
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var kills = 0;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            string[] args = ["run", spec, "--out", output, "--samples", "--parallelism", "1", .. attempt == 0 ? Array.Empty<string>() : ["--resume"]];
            using var child = ChildCli.Start(args);
            if (attempt == 0)
            {
                // The first kill must land: after the first run finished, within a quarter of what a whole
                // uninterrupted run takes (with twice the workers, so the child needs longer), however
                // fast the machine is.
                await child.FirstProgressAsync(ChildTimeout);
                await Task.Delay(random.Next(0, Math.Max(1, (int)(TestSpecs.ResumableReferenceDuration.TotalMilliseconds / 4))));
            }
            else
            {
                if (random.Next(4) > 0)
                {
                    await child.FirstProgressAsync(ChildTimeout); // usually after some runs finished, sometimes while starting up
                }
                await Task.Delay(random.Next(0, 700));
            }
            var completed = await child.KillAsync();
            kills += completed ? 0 : 1;
            var context = $"seed {seed}, attempt {attempt}, {(completed ? $"completed with {child.ExitCode}" : "killed")}:{Environment.NewLine}{child.Output}";

            await AssertOnlyCompleteFilesAsync(dataset, expectedCases.Count, context);
            if (completed)
            {
                Assert.True(child.ExitCode == 0, context);
                break;
            }
        }

        var resumed = await InProcess.InvokeAsync("run", spec, "--out", output, "--samples", "--parallelism", "1", "--resume");
        Assert.True(resumed.Exit == 0, $"seed {seed}: {resumed.Error}");
        Assert.True(kills > 0, $"seed {seed}: the first run completed before it could be killed; the spec is too small for this machine");
        Assert.Equal(expectedCases, await DatasetFiles.CasesAsync(Path.Combine(dataset, "cases.parquet")));
        Assert.Equal(expectedSamples, await DatasetFiles.SamplesAsync(Path.Combine(dataset, "samples.parquet")));
        Assert.False(Directory.Exists(Path.Combine(dataset, RunJournal.DirectoryName(null))), "the journal is deleted once the dataset is committed");
    }

    [Fact]
    public async Task Run_interrupted_with_ctrl_c_stops_promptly_keeps_its_journal_and_resumes()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestSpecs.Write(directory, "resumable", TestSpecs.Resumable);
        var output = directory["out"];
        var dataset = Path.Combine(output, "resumable");
        using var child = ChildCli.Start("run", spec, "--out", output, "--samples", "--parallelism", "1");
        await child.FirstProgressAsync(ChildTimeout);
        Assert.False(child.HasExited, "the run finished before it could be interrupted");

        await child.InterruptAsync();
        // Within a second or two on an idle machine; the slack is for a loaded one.
        await child.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(child.ExitCode == 130, child.Output);
        Assert.Contains("--resume", child.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataset, "cases.parquet")));
        var journal = RunJournal.Inspect(dataset, part: null);
        Assert.NotNull(journal);
        Assert.InRange(journal.FinishedRuns, 1, 89);

        var resumed = await InProcess.InvokeAsync("run", spec, "--out", output, "--samples", "--parallelism", "2", "--resume");
        Assert.True(resumed.Exit == 0, resumed.Error);
        var (expectedCases, expectedSamples) = await TestSpecs.ResumableReferenceAsync();
        Assert.Equal(expectedCases, await DatasetFiles.CasesAsync(Path.Combine(dataset, "cases.parquet")));
        Assert.Equal(expectedSamples, await DatasetFiles.SamplesAsync(Path.Combine(dataset, "samples.parquet")));
    }

    /// <summary>
    /// After a kill: cases.parquet exists only once the whole dataset is in (the kill may land just after the
    /// commit's rename), and every Parquet file there is readable by DuckDB; temporary files are not Parquet names.
    /// </summary>
    private static async Task AssertOnlyCompleteFilesAsync(string dataset, int expectedRows, string context)
    {
        if (!Directory.Exists(dataset))
        {
            return;
        }
        var cases = Path.Combine(dataset, "cases.parquet");
        if (File.Exists(cases))
        {
            Assert.True((await DatasetFiles.CasesAsync(cases)).Count == expectedRows, context);
        }
        foreach (var file in Directory.EnumerateFiles(dataset, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".parquet", StringComparison.Ordinal))
            {
                Assert.True(DatasetFiles.DuckDbRows(file) >= 0, context);
            }
        }
        if (Directory.EnumerateFiles(dataset, "cases*.parquet").Any())
        {
            Assert.Equal(expectedRows, DatasetFiles.DuckDbRows(Path.Combine(dataset, "cases*.parquet")));
        }
    }
}
