using Superposition.Pipeline.Dataflow;
using Superposition.Pipeline.Stages;
using Xunit;

namespace Superposition.Pipeline.Tests;

public class SweepRunnerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunAsync_writes_rows_in_case_order_with_every_sample()
    {
        var cases = TestCases.Mixed();
        var sink = new MemorySink();
        await SweepRunner.RunAsync(cases, sink, TestCases.Options(2), null, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(cases.Select(c => c.CaseId.Value), sink.Rows.Select(r => r.CaseId));
        Assert.Equal(cases.Select(c => (long)c.Samples), sink.Rows.Select(r => r.Samples));
        Assert.All(sink.Rows, r => Assert.Equal("ok", r.Status));
    }

    [Fact]
    public async Task RunAsync_gives_equal_rows_whatever_the_parallelism()
    {
        var cases = TestCases.Mixed();
        var serial = new MemorySink();
        var parallel = new MemorySink();
        await SweepRunner.RunAsync(cases, serial, TestCases.Options(1, keepSamples: true), null, CancellationToken.None).WaitAsync(Timeout);
        await SweepRunner.RunAsync(cases, parallel, TestCases.Options(4, keepSamples: true), null, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(serial.Rows.Select(TestCases.WithoutTiming), parallel.Rows.Select(TestCases.WithoutTiming));
        Assert.Equal(serial.Samples.Count, parallel.Samples.Count);
        Assert.Equal(
            serial.Samples.Select(s => (s.CaseId, s.SampleIndex, string.Join(',', s.ActiveInputs), s.Correct)),
            parallel.Samples.Select(s => (s.CaseId, s.SampleIndex, string.Join(',', s.ActiveInputs), s.Correct)));
    }

    [Fact]
    public async Task RunAsync_keeps_samples_in_index_order_per_case()
    {
        var sink = new MemorySink();
        await SweepRunner.RunAsync([TestCases.Make(0, "dedicated", 100, samples: 333, batchSize: 50)], sink, TestCases.Options(3, keepSamples: true), null, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(0, 333).Select(i => (long)i), sink.Samples.Select(s => s.SampleIndex));
        Assert.Equal(sink.Rows[0].SamplesCorrect, sink.Samples.Count(s => s.Correct));
    }

    [Fact]
    public async Task RunAsync_turns_a_failing_construction_into_a_failed_row_and_goes_on()
    {
        // A hand-made run skips the parser's checks, so this tiny layer reaches the construction, which throws.
        var bad = TestCases.Make(1, "superposed-and", 300, parameters: new Dictionary<string, object> { ["neuron_factor"] = 0.001 });
        IReadOnlyList<Superposition.Sweeps.RunCase> cases = [TestCases.Make(0, "dedicated", 300), bad, TestCases.Make(2, "dedicated", 300)];
        var sink = new MemorySink();
        await SweepRunner.RunAsync(cases, sink, TestCases.Options(2), null, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(["ok", "failed", "ok"], sink.Rows.Select(r => r.Status));
        Assert.Contains("cannot draw", sink.Rows[1].Error, StringComparison.Ordinal);
        Assert.Equal(0, sink.Rows[1].Samples);
        Assert.Equal(300, sink.Rows[1].OutputCount);
    }

    [Fact]
    public async Task RunAsync_fails_on_a_failing_construction_when_told_to_stop()
    {
        var bad = TestCases.Make(0, "superposed-and", 300, parameters: new Dictionary<string, object> { ["neuron_factor"] = 0.001 });
        var sink = new MemorySink();
        var error = await Assert.ThrowsAsync<PipelineException>(() => SweepRunner.RunAsync([bad, TestCases.Make(1, "dedicated", 300)], sink, TestCases.Options(2, stopOnFirstError: true), null, CancellationToken.None).WaitAsync(Timeout));

        Assert.Contains("cannot draw", error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Rows);
    }

    public static TheoryData<string> Stages => ["build", "sample", "evaluate", "sink"];

    [Theory]
    [MemberData(nameof(Stages))]
    public async Task RunAsync_ends_with_the_error_of_a_faulting_stage_without_hanging(string stage)
    {
        var failure = new InvalidOperationException($"boom in {stage}");
        var calls = 0;
        T FailOnThird<T>(Func<T> body) => Interlocked.Increment(ref calls) == 3 ? throw failure : body();
        var defaults = SweepStages.Default;
        var stages = stage switch
        {
            "build" => defaults with { Build = (c, memo, stop) => FailOnThird(() => defaults.Build(c, memo, stop)) },
            "sample" => defaults with { Sample = request => FailOnThird(() => defaults.Sample(request)) },
            "evaluate" => defaults with { Evaluate = (batch, scratch, keep) => FailOnThird(() => defaults.Evaluate(batch, scratch, keep)) },
            _ => defaults,
        };
        var sink = new MemorySink(failOnRow: stage == "sink" ? 2 : -1);
        var cases = Enumerable.Range(0, 40).Select(i => TestCases.Make(i, "dedicated", 100, samples: 500, batchSize: 20)).ToList();

        var error = await Assert.ThrowsAsync<PipelineException>(() => SweepRunner.RunAsync(cases, sink, TestCases.Options(2), null, CancellationToken.None, stages).WaitAsync(Timeout));

        Assert.Contains(stage == "sink" ? "disk full" : $"boom in {stage}", error.Message, StringComparison.Ordinal);
        Assert.True(sink.Rows.Count < cases.Count);
    }

    [Fact]
    public async Task RunAsync_stops_promptly_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var cases = Enumerable.Range(0, 200).Select(i => TestCases.Make(i, "superposed-and", 2000, samples: 2000, batchSize: 100)).ToList();
        var progress = new Progress<RunProgress>(p =>
        {
            if (p.CasesDone >= 1)
            {
                cancellation.Cancel();
            }
        });
        var sink = new MemorySink();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SweepRunner.RunAsync(cases, sink, TestCases.Options(2), progress, cancellation.Token).WaitAsync(Timeout));

        Assert.True(sink.Rows.Count < cases.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"cancellation took {clock.Elapsed}");
    }

    [Fact]
    public async Task RunAsync_reports_the_steps_of_a_build_that_trains_and_then_the_case()
    {
        // A build that reports 50 steps through BuildProgress, as the trained constructions do.
        var defaults = SweepStages.Default;
        var stages = defaults with
        {
            Build = (c, memo, stop) =>
            {
                var report = Superposition.Constructions.BuildProgress.Current;
                for (var step = 1; step <= 50; step++)
                {
                    report?.Invoke(step, 50);
                }
                return defaults.Build(c, memo, stop);
            },
        };
        var reports = new List<RunProgress>();
        var progress = new InlineProgress(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        });
        var cases = Enumerable.Range(0, 2).Select(i => TestCases.Make(i, "dedicated", 100, samples: 100, batchSize: 50)).ToList();

        await SweepRunner.RunAsync(cases, new MemorySink(), TestCases.Options(1), progress, CancellationToken.None, stages).WaitAsync(Timeout);

        var training = reports.Where(r => r.Training is not null).ToList();
        // Every ⌊50 / 20⌋ = 2nd step of each of the two builds: 25 reports each, the last at step 50 of 50.
        Assert.Equal(50, training.Count);
        Assert.All(training, r => Assert.Equal((50, "dedicated", 100), (r.Training!.Total, r.Training.Construction, r.Training.OutputCount)));
        Assert.Equal([.. Enumerable.Range(1, 25).Select(k => 2 * k), .. Enumerable.Range(1, 25).Select(k => 2 * k)], training.Select(r => r.Training!.Done));
        Assert.Null(training[0].LastRow);
        Assert.Equal(2, reports.Count(r => r.Training is null && r.LastRow is not null));
        // Without a listener, the build sees none.
        Assert.Null(Superposition.Constructions.BuildProgress.Current);
    }

    private sealed class InlineProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
