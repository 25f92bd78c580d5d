using Superposition.Sweeps;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// Releases cases in the order they were fed (sweep order, possibly a subset when sharding or resuming):
/// holds a finished case until every earlier one has been released.
/// </summary>
public sealed class CaseOrdering(IReadOnlyList<RunCase> order)
{
    private readonly Dictionary<(int Index, int Replicate), CaseResult> _waiting = [];
    private int _next;

    public IEnumerable<CaseResult> Add(CaseResult result)
    {
        _waiting.Add((result.Case.Index, result.Case.Replicate), result);
        var ready = new List<CaseResult>();
        while (_next < order.Count && _waiting.Remove((order[_next].Index, order[_next].Replicate), out var next))
        {
            ready.Add(next);
            _next++;
        }
        return ready;
    }
}
