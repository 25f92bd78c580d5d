using System.Diagnostics;
using System.Threading.Tasks.Dataflow;
using Superposition.Constructions;
using Superposition.Pipeline.Dataflow;
using Superposition.Pipeline.Stages;
using Superposition.Rows;
using Superposition.Sweeps;

namespace Superposition.Pipeline;

/// <summary>
/// Runs a list of cases through the Dataflow stages of docs/design.md — build → split → sample →
/// evaluate → aggregate → order → rows → sink — linked by <see cref="PipelineBuilder"/>. A case whose
/// construction failed is routed from build straight to order (<see cref="Built.Failed"/>). Batches of one
/// case are sampled and evaluated in parallel; rows reach the sink in case order. The result does not
/// depend on <see cref="RunOptions.Parallelism"/> (timing columns aside).
/// </summary>
public static class SweepRunner
{
    /// <summary>Progress reports per training, at evenly spaced steps and the last.</summary>
    public const int TrainingReports = 20;

    /// <summary>
    /// Runs <paramref name="cases"/> into <paramref name="sink"/>, in order. Throws <see cref="PipelineException"/>
    /// with every error when a stage fails, <see cref="OperationCanceledException"/> when cancelled.
    /// The sink is not committed here: the caller commits (or disposes) it.
    /// </summary>
    public static async Task RunAsync(
        IReadOnlyList<RunCase> cases,
        IDatasetSink sink,
        RunOptions options,
        IProgress<RunProgress>? progress,
        CancellationToken cancellationToken,
        SweepStages? stages = null)
    {
        stages ??= SweepStages.Default;
        var parallelism = Math.Max(1, options.Parallelism);
        using var pipeline = new PipelineBuilder(boundedCapacity: 2 * parallelism, cancellationToken);
        var memo = new NetworkMemo();
        var scratch = new ScratchPool();
        var aggregator = new CaseAggregator();
        var ordering = new CaseOrdering(cases);
        var casesDone = 0;
        var total = cases.Sum(c => (long)c.Samples);
        long samplesDone = 0;
        var clock = Stopwatch.StartNew();

        // Networks are large: hold at most one built case waiting beyond the one being evaluated.
        CaseRow? lastRow = null;

        // A build that trains reports its steps through BuildProgress: about twenty reports per training.
        Built BuildReporting(RunCase c)
        {
            if (progress is null)
            {
                return stages.Build(c, memo, options.StopOnFirstError);
            }
            using var listening = BuildProgress.Listen((done, steps) =>
            {
                if (done == steps || done % Math.Max(1, steps / TrainingReports) == 0)
                {
                    progress.Report(new RunProgress(Volatile.Read(ref casesDone), cases.Count, Interlocked.Read(ref samplesDone), total, clock.Elapsed, Volatile.Read(ref lastRow))
                    {
                        Training = new TrainingSteps(c.Construction.Definition.Name, c.Problem.OutputCount, c.Replicate, done, steps),
                    });
                }
            });
            return stages.Build(c, memo, options.StopOnFirstError);
        }

        var build = pipeline.Add(new TransformBlock<RunCase, Built>(BuildReporting, pipeline.Options(boundedCapacity: 1)));
        var split = pipeline.Add(new TransformManyBlock<Built.Ok, BatchRequest>(CaseStages.Split, pipeline.Options()));
        var failed = pipeline.Add(new TransformBlock<Built.Failed, CaseResult>(f => new CaseResult.Failed(f), pipeline.Options()));
        var sample = pipeline.Add(new TransformBlock<BatchRequest, SampledBatch>(stages.Sample, pipeline.Options(parallelism, ensureOrdered: false)));
        var evaluate = pipeline.Add(new TransformBlock<SampledBatch, EvaluatedBatch>(
            batch =>
            {
                var evaluated = stages.Evaluate(batch, scratch, options.KeepSamples);
                Interlocked.Add(ref samplesDone, evaluated.Statistics.Samples);
                return evaluated;
            },
            pipeline.Options(parallelism, ensureOrdered: false)));
        var aggregate = pipeline.Add(new TransformManyBlock<EvaluatedBatch, CaseResult>(aggregator.Add, pipeline.Options()));
        var order = pipeline.Add(new TransformManyBlock<CaseResult, CaseResult>(ordering.Add, pipeline.Options()));
        var write = pipeline.Add(new ActionBlock<CaseResult>(
            async result =>
            {
                var (row, samples) = ToRows(result, options.Run);
                await sink.WriteAsync(row, samples, pipeline.Token).ConfigureAwait(false);
                Volatile.Write(ref lastRow, row);
                progress?.Report(new RunProgress(Interlocked.Increment(ref casesDone), cases.Count, Interlocked.Read(ref samplesDone), total, clock.Elapsed, row));
            },
            pipeline.Options()));

        pipeline.Route(build, split, failed);
        pipeline.Link(split, sample);
        pipeline.Link(sample, evaluate);
        pipeline.Link(evaluate, aggregate);
        pipeline.Link(aggregate, order);
        pipeline.Link(failed, order);
        pipeline.Link(order, write);

        await pipeline.FeedAsync(build, cases).ConfigureAwait(false);
        await pipeline.CompletionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dataset rows of a finished case (the "rows" stage).</summary>
    public static (CaseRow Row, IReadOnlyList<SampleRow> Samples) ToRows(CaseResult result, RowMapping.RunInfo run) => result switch
    {
        CaseResult.Evaluated evaluated => (
            RowMapping.ToRow(evaluated.Case, evaluated.Built.Network, evaluated.Statistics, new RowMapping.CaseTiming(evaluated.Built.BuildSeconds, evaluated.EvalSeconds), run),
            RowMapping.ToSampleRows(evaluated.Case, evaluated.Samples)),
        CaseResult.Failed failed => (RowMapping.ToFailedRow(failed.Case, failed.Built.Error, failed.Built.BuildSeconds, run), []),
        _ => throw new UnreachableException($"unknown case result {result.GetType().Name}"),
    };
}
