using System.Threading.Tasks.Dataflow;
using Superposition.Pipeline.Dataflow;
using Xunit;

namespace Superposition.Pipeline.Tests;

public class PipelineBuilderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private abstract record Message(int Value);

    private sealed record Left(int Value) : Message(Value);

    private sealed record Right(int Value) : Message(Value);

    private sealed record Stray(int Value) : Message(Value);

    [Fact]
    public async Task Route_sends_each_case_to_its_stage_and_a_stage_fed_twice_completes_after_both()
    {
        using var pipeline = new PipelineBuilder(boundedCapacity: 2, CancellationToken.None);
        var head = pipeline.Add(new TransformBlock<int, Message>(i => i % 3 == 0 ? new Right(i) : new Left(i), pipeline.Options()));
        // The left stage is slow, so the join's other source completes long before it does.
        var left = pipeline.Add(new TransformBlock<Left, string>(async l => { await Task.Delay(2); return $"L{l.Value}"; }, pipeline.Options()));
        var right = pipeline.Add(new TransformBlock<Right, string>(r => $"R{r.Value}", pipeline.Options()));
        var seen = new List<string>();
        var sink = pipeline.Add(new ActionBlock<string>(seen.Add, pipeline.Options()));
        pipeline.Route(head, left, right);
        pipeline.Link(left, sink);
        pipeline.Link(right, sink);

        await pipeline.FeedAsync(head, Enumerable.Range(0, 60));
        await pipeline.CompletionAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(60, seen.Count);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? $"R{i}" : $"L{i}").Order(), seen.Order());
    }

    [Fact]
    public async Task Route_faults_the_pipeline_on_a_message_of_neither_case_instead_of_stalling()
    {
        using var pipeline = new PipelineBuilder(boundedCapacity: 2, CancellationToken.None);
        var head = pipeline.Add(new TransformBlock<int, Message>(i => i == 5 ? new Stray(i) : new Left(i), pipeline.Options()));
        var left = pipeline.Add(new ActionBlock<Left>(_ => { }, pipeline.Options()));
        var right = pipeline.Add(new ActionBlock<Right>(_ => { }, pipeline.Options()));
        pipeline.Route(head, left, right);

        await pipeline.FeedAsync(head, Enumerable.Range(0, 20));
        var error = await Assert.ThrowsAsync<PipelineException>(() => pipeline.CompletionAsync(CancellationToken.None).WaitAsync(Timeout));

        Assert.Contains("no route for Stray", error.Message, StringComparison.Ordinal);
    }
}
