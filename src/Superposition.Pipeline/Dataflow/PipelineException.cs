namespace Superposition.Pipeline.Dataflow;

/// <summary>A run failed: every root-cause error of every faulted stage, together.</summary>
public sealed class PipelineException : Exception
{
    public PipelineException(string message, IReadOnlyList<Exception> errors)
        : base(message, errors.Count == 1 ? errors[0] : new AggregateException(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<Exception> Errors { get; }
}
