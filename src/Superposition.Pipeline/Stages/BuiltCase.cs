using System.Collections.Concurrent;
using Superposition.Evaluation;
using Superposition.Networks;
using Superposition.Sweeps;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// A case after the build stage: its network, or the error that stopped the construction. Carries a
/// pool of evaluation scratch buffers sized to its network, one per concurrently evaluating worker.
/// </summary>
public sealed class BuiltCase
{
    private readonly ConcurrentBag<EvaluationScratch> _scratch = [];

    public BuiltCase(RunCase runCase, Network? network, string? error, double buildSeconds)
    {
        Case = runCase;
        Network = network;
        Error = error;
        BuildSeconds = buildSeconds;
    }

    public RunCase Case { get; }

    public Network? Network { get; }

    public string? Error { get; }

    public double BuildSeconds { get; }

    public EvaluationScratch RentScratch() => _scratch.TryTake(out var scratch) ? scratch : new EvaluationScratch(Network!);

    public void ReturnScratch(EvaluationScratch scratch) => _scratch.Add(scratch);
}
