using Superposition.Networks;
using Superposition.Sweeps;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// Remembers the last network built, so consecutive cases that differ only in how they are evaluated
/// (for example the input distribution) share one build. Used by the single-threaded build stage only.
/// </summary>
public sealed class NetworkMemo
{
    private (string Key, Network Network)? _last;

    public Network GetOrBuild(RunCase runCase)
    {
        var key = string.Join('|', runCase.Problem, runCase.ProblemSeed, runCase.Construction, System.Text.Json.JsonSerializer.Serialize(runCase.ConstructionParams), runCase.ConstructionSeed);
        if (_last is { } last && last.Key == key)
        {
            return last.Network;
        }
        _last = null;
        var network = NetworkBuilder.Build(runCase.Problem, runCase.Construction, runCase.ConstructionParams, runCase.ProblemSeed, runCase.ConstructionSeed);
        _last = (key, network);
        return network;
    }
}
