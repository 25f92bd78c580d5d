using System.Threading.Tasks.Dataflow;
using Superposition.Pipeline.Dataflow;
using Superposition.Pipeline.Stages;
using Superposition.Rows;
using Superposition.Sweeps;

namespace Superposition.Pipeline;

/// <summary>
/// Runs a list of cases through the Dataflow stages of docs/design.md — build → split → sample →
/// evaluate → aggregate → order → rows → sink — linked by <see cref="PipelineBuilder"/>. Batches of one
/// case are sampled and evaluated in parallel; rows reach the sink in case order. The result does not
/// depend on <see cref="RunOptions.Parallelism"/> (timing columns aside).
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// Runs <paramref name="cases"/> into <paramref name="sink"/>, in order. Throws <see cref="PipelineException"/>
    /// with every error when a stage fails, <see cref="OperationCanceledException"/> when cancelled.
    /// The sink is not committed here: the caller commits (or disposes) it.
    /// </summary>
    public static async Task<IReadOnlyList<CaseStatus>> RunAsync(
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
        var aggregator = new CaseAggregator();
        var ordering = new CaseOrdering(cases);
        var statuses = new List<CaseStatus>();
        var total = cases.Sum(c => (long)c.Samples);
        long samplesDone = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Networks are large: hold at most one built case waiting beyond the one being evaluated.
        var build = pipeline.Add(new TransformBlock<RunCase, BuiltCase>(c => stages.Build(c, memo, options.StopOnFirstError), pipeline.Options(boundedCapacity: 1)));
        var split = pipeline.Add(new TransformManyBlock<BuiltCase, BatchRequest>(CaseStages.Split, pipeline.Options()));
        var sample = pipeline.Add(new TransformBlock<BatchRequest, SampledBatch>(stages.Sample, pipeline.Options(parallelism, ensureOrdered: false)));
        var evaluate = pipeline.Add(new TransformBlock<SampledBatch, EvaluatedBatch>(
            batch =>
            {
                var evaluated = stages.Evaluate(batch, options.KeepSamples);
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
                statuses.Add(new CaseStatus(row.CaseId, row.Replicate, row.Status, row.Error));
                progress?.Report(new RunProgress(statuses.Count, cases.Count, Interlocked.Read(ref samplesDone), total, clock.Elapsed, row));
            },
            pipeline.Options()));

        pipeline.Link(build, split);
        pipeline.Link(split, sample);
        pipeline.Link(sample, evaluate);
        pipeline.Link(evaluate, aggregate);
        pipeline.Link(aggregate, order);
        pipeline.Link(order, write);

        await pipeline.FeedAsync(build, cases).ConfigureAwait(false);
        await pipeline.CompletionAsync(cancellationToken).ConfigureAwait(false);
        return statuses;
    }

    /// <summary>The dataset rows of a finished case (the "rows" stage).</summary>
    public static (CaseRow Row, IReadOnlyList<SampleRow> Samples) ToRows(CaseResult result, RowMapping.RunInfo run)
    {
        var built = result.Case;
        if (built.Network is not { } network)
        {
            return (RowMapping.ToFailedRow(built.Case, built.Error ?? "unknown error", built.BuildSeconds, run), []);
        }
        var row = RowMapping.ToRow(built.Case, network, result.Statistics, new RowMapping.CaseTiming(built.BuildSeconds, result.EvalSeconds), run);
        var samples = result.Samples.Select(s => new SampleRow
        {
            Sweep = built.Case.Sweep,
            CaseId = built.Case.CaseId,
            Replicate = built.Case.Replicate,
            SampleIndex = s.SampleIndex,
            ActiveInputs = [.. s.ActiveInputs],
            TrueOutputCount = s.TrueOutputCount,
            FalsePositiveOutputs = [.. s.FalsePositiveOutputs],
            FalseNegativeOutputs = [.. s.FalseNegativeOutputs],
            Correct = s.Correct,
        }).ToList();
        return (row, samples);
    }
}
