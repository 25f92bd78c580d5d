using System.CommandLine;
using Spectre.Console;
using Superposition.Datasets;
using Superposition.Pipeline;
using Superposition.Pipeline.Dataflow;
using Superposition.Rows;

namespace Superposition.Cli.Commands;

/// <summary>
/// `run &lt;spec.json&gt;`: runs a sweep through the pipeline into a Parquet dataset, with a progress bar,
/// then prints a one-screen summary and where it wrote. The dataset appears only when the run succeeds.
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
        var command = new Command("run", "run a sweep and write its dataset") { spec, output, parallelism, samples, stop };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(spec)!, parse.GetValue(output)!, parse.GetValue(parallelism), parse.GetValue(samples), parse.GetValue(stop), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string specPath, string outputRoot, int parallelism, bool keepSamples, bool stopOnFirstError, CancellationToken cancellation)
    {
        if (parallelism < 1)
        {
            await Console.Error.WriteLineAsync($"--parallelism must be at least 1, got {parallelism}; nothing was run or written");
            return ExitCodes.BadInput;
        }
        if (SpecLoading.Load(specPath) is not var (spec, cases))
        {
            return ExitCodes.BadInput;
        }
        var directory = Path.GetFullPath(Path.Combine(outputRoot, spec.Name));
        var started = DateTimeOffset.UtcNow;
        var options = new RunOptions(parallelism, keepSamples, stopOnFirstError, new RowMapping.RunInfo(ToolInfo.Version, spec.Hash));
        var rows = new List<CaseRow>();
        try
        {
            await using var sink = ParquetDatasetSink.Create(directory, keepSamples);
            var statuses = await WithProgressAsync(cases.Count, cases.Sum(c => (long)c.Samples), progress =>
                SweepRunner.RunAsync(cases, sink, options, new InlineProgress<RunProgress>(p => { rows.Add(p.LastRow); progress(p); }), cancellation));
            var manifest = new RunManifest(spec.Name, spec.Text, spec.Hash, ToolInfo.Version, ToolInfo.GitCommit(), started, DateTimeOffset.UtcNow, [.. statuses]);
            await sink.CommitAsync(manifest, cancellation);
        }
        catch (PipelineException error)
        {
            await Console.Error.WriteLineAsync($"run failed; no dataset was written: {error.Message}");
            return ExitCodes.RunFailed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("run cancelled; no dataset was written");
            return ExitCodes.RunFailed;
        }
        Summary.Print(rows);
        var failed = rows.Count(r => r.Status != "ok");
        if (failed > 0)
        {
            AnsiConsole.WriteLine($"{failed} case(s) failed to build; their rows have status 'failed' and the reason in 'error'");
        }
        AnsiConsole.WriteLine($"wrote {directory}");
        return ExitCodes.Success;
    }

    /// <summary>A progress bar on a terminal; one plain line per case when output is redirected (logs, CI).</summary>
    private static async Task<IReadOnlyList<CaseStatus>> WithProgressAsync(int caseCount, long sampleCount, Func<Action<RunProgress>, Task<IReadOnlyList<CaseStatus>>> run)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await run(p => Console.WriteLine(
                $"[{p.CasesDone}/{p.CasesTotal}] {p.LastRow.Construction} m'={p.LastRow.OutputCount} {p.LastRow.InputDistribution} rep {p.LastRow.Replicate}: {p.LastRow.Status}, {p.SamplesPerSecond:0} samples/s overall"));
        }
        IReadOnlyList<CaseStatus> result = [];
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask($"0/{caseCount} cases", maxValue: Math.Max(1, sampleCount));
                result = await run(p =>
                {
                    bar.Value = p.SamplesDone;
                    bar.Description = $"{p.CasesDone}/{p.CasesTotal} cases, {p.SamplesPerSecond:0} samples/s";
                });
                bar.Value = bar.MaxValue;
            });
        return result;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder reports).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
