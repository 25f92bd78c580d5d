using System.Diagnostics;
using System.Threading.Tasks.Dataflow;

namespace Superposition.Pipeline.Dataflow;

/// <summary>
/// The one fault-safe way stages are linked. Every block gets a bounded capacity and a token shared by
/// the whole pipeline; any block that faults cancels that token, so every other block (and a producer
/// blocked in SendAsync) stops instead of waiting forever (faults never travel upstream in TPL Dataflow).
/// <see cref="CompletionAsync"/> waits for every block and surfaces all root-cause errors together.
/// </summary>
public sealed class PipelineBuilder : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly List<IDataflowBlock> _blocks = [];
    private readonly Dictionary<IDataflowBlock, List<IDataflowBlock>> _sources = [];

    public PipelineBuilder(int boundedCapacity, CancellationToken cancellationToken)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        BoundedCapacity = boundedCapacity;
    }

    /// <summary>Cancelled when the caller cancels or any block faults.</summary>
    public CancellationToken Token => _cancellation.Token;

    public int BoundedCapacity { get; }

    /// <summary>Options for a stage: bounded, cancellable, with the given parallelism and ordering.</summary>
    public ExecutionDataflowBlockOptions Options(int parallelism = 1, bool ensureOrdered = true, int? boundedCapacity = null) => new()
    {
        BoundedCapacity = boundedCapacity ?? Math.Max(BoundedCapacity, parallelism),
        MaxDegreeOfParallelism = parallelism,
        EnsureOrdered = ensureOrdered,
        CancellationToken = _cancellation.Token,
    };

    /// <summary>Registers a block so that its fault cancels the pipeline and its completion is awaited.</summary>
    public TBlock Add<TBlock>(TBlock block)
        where TBlock : IDataflowBlock
    {
        _blocks.Add(block);
        block.Completion.ContinueWith(
            completed =>
            {
                if (completed.IsFaulted)
                {
                    Cancel();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return block;
    }

    /// <summary>
    /// Links two registered stages. A target completes when every source linked to it has completed (and
    /// faults when one of them faulted), so a stage may be fed by several; link everything before feeding.
    /// </summary>
    public void Link<T>(ISourceBlock<T> source, ITargetBlock<T> target)
    {
        if (!_blocks.Contains(source) || !_blocks.Contains(target))
        {
            throw new InvalidOperationException("link only blocks added to this pipeline, so their faults cancel it");
        }
        source.LinkTo(target);
        Connect(source, target);
    }

    /// <summary>
    /// Routes the two cases of a sum type to their stages by a link predicate each. A message of neither
    /// case is a bug: it faults the pipeline instead of staying in the source, where it would stall it.
    /// </summary>
    public void Route<TBase, TFirst, TSecond>(ISourceBlock<TBase> source, ITargetBlock<TFirst> first, ITargetBlock<TSecond> second)
        where TFirst : TBase
        where TSecond : TBase
    {
        LinkCase(source, first);
        LinkCase(source, second);
        var unrouted = Add(new ActionBlock<TBase>(message => throw new UnreachableException($"no route for {message?.GetType().Name}"), Options()));
        // Its own predicate, not a catch-all: a source offers a message to the next link when a bounded
        // target postpones it, so a catch-all would take messages whose stage is merely busy.
        source.LinkTo(unrouted, new DataflowLinkOptions { PropagateCompletion = true }, message => message is not TFirst and not TSecond);
    }

    private void LinkCase<TBase, TCase>(ISourceBlock<TBase> source, ITargetBlock<TCase> target)
        where TCase : TBase
    {
        var narrow = Add(new TransformBlock<TBase, TCase>(message => (TCase)message!, Options()));
        source.LinkTo(narrow, new DataflowLinkOptions { PropagateCompletion = true }, message => message is TCase);
        Link(narrow, target);
    }

    private void Connect(IDataflowBlock source, IDataflowBlock target)
    {
        List<IDataflowBlock> sources;
        lock (_sources)
        {
            if (!_sources.TryGetValue(target, out sources!))
            {
                _sources[target] = sources = [];
            }
            sources.Add(source);
        }
        source.Completion.ContinueWith(
            _ =>
            {
                IDataflowBlock[] all;
                lock (_sources)
                {
                    all = [.. sources];
                }
                if (all.Any(s => !s.Completion.IsCompleted))
                {
                    return;
                }
                if (all.FirstOrDefault(s => s.Completion.IsFaulted) is { } faulted)
                {
                    target.Fault(faulted.Completion.Exception!);
                }
                else
                {
                    target.Complete();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Feeds <paramref name="items"/> into <paramref name="head"/> with SendAsync (never Post, which drops items
    /// when a bounded block is full), then completes it. Stops feeding as soon as the pipeline is cancelled.
    /// </summary>
    public async Task FeedAsync<T>(ITargetBlock<T> head, IEnumerable<T> items)
    {
        try
        {
            foreach (var item in items)
            {
                if (!await head.SendAsync(item, _cancellation.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // A faulted stage or the caller cancelled; CompletionAsync reports why.
        }
        finally
        {
            head.Complete();
        }
    }

    /// <summary>
    /// Waits for every block. Throws the root-cause errors of faulted blocks together (an
    /// <see cref="AggregateException"/> when there are several), or <see cref="OperationCanceledException"/>
    /// when the caller cancelled and nothing faulted.
    /// </summary>
    public async Task CompletionAsync(CancellationToken callerToken)
    {
        try
        {
            await Task.WhenAll(_blocks.Select(b => b.Completion)).ConfigureAwait(false);
        }
        catch (Exception) when (_blocks.Any(b => b.Completion.IsFaulted || b.Completion.IsCanceled))
        {
            // Examined below, block by block.
        }
        var errors = _blocks
            .Where(b => b.Completion.IsFaulted)
            .SelectMany(b => b.Completion.Exception!.Flatten().InnerExceptions)
            .Where(e => e is not OperationCanceledException)
            .Distinct()
            .ToList();
        if (errors.Count == 1)
        {
            throw new PipelineException(errors[0].Message, errors);
        }
        if (errors.Count > 1)
        {
            throw new PipelineException($"{errors.Count} errors: " + string.Join("; ", errors.Select(e => e.Message)), errors);
        }
        callerToken.ThrowIfCancellationRequested();
        if (_blocks.Any(b => b.Completion.IsCanceled))
        {
            throw new OperationCanceledException("the pipeline was cancelled");
        }
    }

    public void Dispose() => _cancellation.Dispose();

    private void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run is already over.
        }
    }
}
