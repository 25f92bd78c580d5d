using Superposition.Networks;
using Superposition.Sweeps;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// Remembers the last network built, so consecutive cases that differ only in how they are evaluated
/// (for example the input distribution) share one build. Used by the single-threaded build stage only.
/// </summary>
public sealed class NetworkMemo
{
    private (RunCase Case, Network Network)? _last;

    public Network GetOrBuild(RunCase runCase)
    {
        if (_last is { } last && SameNetwork(last.Case, runCase))
        {
            return last.Network;
        }
        _last = null;
        var network = NetworkBuilder.Build(runCase);
        _last = (runCase, network);
        return network;
    }

    /// <summary>The same problem instance and the same construction request and seed build the same network.</summary>
    private static bool SameNetwork(RunCase a, RunCase b) =>
        a.Problem == b.Problem && a.ProblemSeed == b.ProblemSeed && a.Construction == b.Construction && a.ConstructionSeed == b.ConstructionSeed;
}
