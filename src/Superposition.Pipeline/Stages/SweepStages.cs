using Superposition.Sweeps;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// The functions the stages run, as a value: <see cref="Default"/> wraps <see cref="CaseStages"/>. Tests swap
/// one function for a faulting one to check that a fault in any stage ends the run cleanly.
/// </summary>
public sealed record SweepStages(
    Func<RunCase, NetworkMemo, bool, Built> Build,
    Func<BatchRequest, SampledBatch> Sample,
    Func<SampledBatch, ScratchPool, bool, EvaluatedBatch> Evaluate)
{
    public static SweepStages Default { get; } = new(
        (runCase, memo, stopOnFirstError) => CaseStages.Build(runCase, stopOnFirstError, memo),
        CaseStages.Sample,
        CaseStages.Evaluate);
}
