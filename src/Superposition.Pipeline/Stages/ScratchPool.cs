using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Superposition.Evaluation;
using Superposition.Networks;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// Evaluation scratch buffers per network, owned by the evaluate stage: a worker rents one sized to the
/// batch's network and returns it, so a case's batches reuse a buffer per concurrent worker. Keyed
/// weakly, so a network's buffers go when the network does.
/// </summary>
public sealed class ScratchPool
{
    private readonly ConditionalWeakTable<Network, ConcurrentBag<EvaluationScratch>> _pools = [];

    public EvaluationScratch Rent(Network network) =>
        _pools.GetOrCreateValue(network).TryTake(out var scratch) ? scratch : new EvaluationScratch(network);

    public void Return(Network network, EvaluationScratch scratch) => _pools.GetOrCreateValue(network).Add(scratch);
}
