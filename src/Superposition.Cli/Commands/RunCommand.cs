using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Superposition.Datasets;
using Superposition.Datasets.Journals;
using Superposition.Datasets.Paths;
using Superposition.Pipeline;
using Superposition.Pipeline.Dataflow;
using Superposition.Rows;
using Superposition.Thresholds;

namespace Superposition.Cli.Commands;

/// <summary>
/// `run &lt;spec.json&gt;`: runs a sweep (or one shard of it) through the pipeline, with a progress bar, then
/// prints a one-screen summary and where it wrote. Every finished run is recorded in a journal as it
/// finishes, so a killed or cancelled run continues with <c>--resume</c>; the dataset itself appears only
/// when every run is in (docs/cluster.md, docs/dataset-schema.md).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "sweep spec (JSON), e.g. pipelines/quickstart.json" };
        var output = new Option<string>("--out") { Description = "directory that receives <sweep-name>/", DefaultValueFactory = _ => "data" };
        var parallelism = new Option<int>("--parallelism") { Description = "workers evaluating batches", DefaultValueFactory = _ => Environment.ProcessorCount };
        var samples = new Option<bool>("--samples") { Description = "also write samples.parquet (one row per evaluated input)" };
        var stop = new Option<bool>("--stop-on-first-error") { Description = "fail the run when a construction fails instead of writing a failed row" };
        var shard = new Option<string?>("--shard") { Description = "run only shard i of N (0-based, e.g. 0/4) and write cases-shard-i-of-N.parquet; see docs/cluster.md" };
        var resume = new Option<bool>("--resume") { Description = "continue an interrupted run from its journal (<out>/<sweep-name>/.partial); starts afresh when there is none" };
        var command = new Command("run", "run a sweep and write its dataset") { spec, output, parallelism, samples, stop, shard, resume };
        command.SetAction(parse => RunAsync(
            new RunRequest(parse.GetValue(spec)!, parse.GetValue(output)!, parse.GetValue(parallelism), parse.GetValue(samples), parse.GetValue(stop), parse.GetValue(shard), parse.GetValue(resume)),
            Interruption.Token));
        return command;
    }

    private static async Task<int> RunAsync(RunRequest request, CancellationToken cancellation)
    {
        if (RunPreparation.Prepare(request) is not { } prepared)
        {
            return ExitCodes.BadInput;
        }
        if (prepared.Spec.Threshold is not null)
        {
            return await ThresholdRunAsync(prepared, request, cancellation);
        }
        RunJournal journal;
        try
        {
            journal = RunJournal.Open(prepared.Directory, prepared.Header, prepared.Keys, prepared.KeepFinished);
        }
        catch (UnsafePathException error)
        {
            await Console.Error.WriteLineAsync($"{error.Message}; nothing was run or written");
            return ExitCodes.BadInput;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"cannot open the run's journal: {error.Message}; nothing was run");
            return ExitCodes.RunFailed;
        }
        await using (journal)
        {
            foreach (var problem in journal.SetAside)
            {
                await Console.Error.WriteLineAsync($"set aside a broken journal entry, its run runs again: {problem}");
            }
            using (Interruption.OnForcedExit(journal.Abandon))
            {
                return await RunAsync(prepared, request, journal, cancellation);
            }
        }
    }

    private static async Task<int> RunAsync(PreparedRun prepared, RunRequest request, RunJournal journal, CancellationToken cancellation)
    {
        var (spec, runs) = (prepared.Spec, prepared.Runs);
        var remaining = runs.Where(run => !journal.Finished.Contains(run.Key)).ToList();
        var done = runs.Count - remaining.Count;
        if (done > 0)
        {
            AnsiConsole.WriteLine($"resuming {journal.DatasetDirectory}: {done} of {runs.Count} runs finished earlier, {remaining.Count} to go");
        }
        var options = new RunOptions(request.Parallelism, request.KeepSamples, request.StopOnFirstError, new RowMapping.RunInfo(ToolInfo.Version, spec.Hash));
        try
        {
            await WithProgressAsync(done, runs.Count, remaining.Sum(c => (long)c.Samples), progress =>
                SweepRunner.RunAsync(remaining, journal, options, new InlineProgress<RunProgress>(progress), cancellation, TestFaults.Stages()));
            var manifest = new RunManifest(spec.Name, spec.Text, spec.Hash, ToolInfo.Version, ToolInfo.GitCommit(), prepared.Header.StartedAt, DateTimeOffset.UtcNow, []);
            await journal.CommitAsync(manifest, cancellation);
        }
        catch (PipelineException error)
        {
            await Console.Error.WriteLineAsync(Stopped($"run failed: {error.Message}", journal, runs.Count));
            return ExitCodes.RunFailed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(Stopped("run interrupted", journal, runs.Count));
            return ExitCodes.Interrupted;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync(Stopped($"run failed: {error.Message}", journal, runs.Count));
            return ExitCodes.RunFailed;
        }
        var rows = journal.CommittedRows;
        Summary.Print(rows);
        var failed = rows.Count(r => r.Status != "ok");
        if (failed > 0)
        {
            AnsiConsole.WriteLine($"{failed} case(s) failed to build; their rows have status 'failed' and the reason in 'error'");
        }
        AnsiConsole.WriteLine(prepared.Shard is { } shard ? $"wrote shard {shard.Index}/{shard.Count} ({shard.Part}) to {journal.DatasetDirectory}" : $"wrote {journal.DatasetDirectory}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// A threshold sweep: every search in order, each probe a run whose row goes into cases.parquet, and one
    /// row per search into thresholds.parquet, all committed together at the end (no journal: a search's
    /// probes depend on each other, so an interrupted sweep starts again and nothing is left that looks complete).
    /// </summary>
    private static async Task<int> ThresholdRunAsync(PreparedRun prepared, RunRequest request, CancellationToken cancellation)
    {
        var spec = prepared.Spec;
        var threshold = spec.Threshold!;
        var options = new RunOptions(request.Parallelism, request.KeepSamples, request.StopOnFirstError, new RowMapping.RunInfo(ToolInfo.Version, spec.Hash));
        var startedAt = DateTimeOffset.UtcNow;
        var probes = new List<CaseStatus>();
        try
        {
            await using var sink = ParquetDatasetSink.Create(prepared.Directory, request.KeepSamples);
            var rows = await ThresholdRunner.RunAsync(spec, sink, options, report =>
            {
                var row = report.Row;
                var at = $"[search {report.Search + 1}/{report.Searches}] {row.Construction} m'={row.OutputCount} {row.InputDistribution} rep {row.Replicate}";
                if (report.Finished is { } result)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{at}: {ThresholdStatusNames.Of(result.Status)}, {threshold.Parameter} = {(result.Threshold is { } value ? value.ToString("0.####", CultureInfo.InvariantCulture) : "none")} after {result.Probes.Count} probes{(result.Monotone ? "" : " (not monotone)")}"));
                    return;
                }
                probes.Add(new CaseStatus(row.CaseId, row.Replicate, row.Status, row.Error));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{at}: {threshold.Parameter} = {report.Value:0.####} -> {(row.Status == "ok" ? $"{row.Samples - row.SamplesCorrect} of {row.Samples} wrong" : "failed to build")}"));
            }, cancellation, TestFaults.Stages());
            sink.AddThresholds(rows);
            var manifest = new RunManifest(spec.Name, spec.Text, spec.Hash, ToolInfo.Version, ToolInfo.GitCommit(), startedAt, DateTimeOffset.UtcNow, [.. probes]);
            await sink.CommitAsync(manifest, cancellation);
            ThresholdSummary.Print(rows);
        }
        catch (PipelineException error)
        {
            await Console.Error.WriteLineAsync($"run failed: {error.Message}; no dataset was written");
            return ExitCodes.RunFailed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("run interrupted; no dataset was written (a threshold sweep starts again from the beginning)");
            return ExitCodes.Interrupted;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"run failed: {error.Message}; no dataset was written");
            return ExitCodes.RunFailed;
        }
        AnsiConsole.WriteLine($"wrote {prepared.Directory}");
        return ExitCodes.Success;
    }

    /// <summary>Why the run stopped, that no dataset was written, and whether --resume has something to continue.</summary>
    private static string Stopped(string reason, RunJournal journal, int total) =>
        journal.Finished.Count == 0
            ? $"{reason}; no dataset was written"
            : $"{reason}; no dataset was written. {journal.Finished.Count} of {total} runs are kept in {journal.JournalDirectory}: `run --resume` with the same spec and options continues from there";

    /// <summary>A progress bar on a terminal; one plain line per case when output is redirected (logs, CI). Counts include runs finished earlier.</summary>
    private static async Task WithProgressAsync(int done, int total, long sampleCount, Func<Action<RunProgress>, Task> run)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            await run(p => Console.WriteLine(p switch
            {
                { Training: { } t } => $"[{done + p.CasesDone}/{total}] training {t.Construction} m'={t.OutputCount} rep {t.Replicate}: step {t.Done}/{t.Total}",
                { LastRow: { } row } => $"[{done + p.CasesDone}/{total}] {row.Construction} m'={row.OutputCount} {row.InputDistribution} rep {row.Replicate}: {row.Status}, {p.SamplesPerSecond:0} samples/s overall",
                _ => $"[{done + p.CasesDone}/{total}]",
            }));
            return;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask($"{done}/{total} cases", maxValue: Math.Max(1, sampleCount));
                await run(p =>
                {
                    bar.Value = p.SamplesDone;
                    bar.Description = p.Training is { } t
                        ? $"{done + p.CasesDone}/{total} cases, training {t.Construction} step {t.Done}/{t.Total}"
                        : $"{done + p.CasesDone}/{total} cases, {p.SamplesPerSecond:0} samples/s";
                });
                bar.Value = bar.MaxValue;
            });
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder reports).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
