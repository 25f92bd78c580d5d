using Superposition.Core.Tests.Extending;
using Superposition.Inputs;
using Superposition.Problems;
using Xunit;

namespace Superposition.Core.Tests.Distributions;

/// <summary>
/// The law of every input distribution the tests know, by name. A distribution without one fails the
/// shape and frequency tests: a new distribution is held to its promise, never silently skipped.
/// </summary>
internal static class InputDistributionLaws
{
    private static readonly Dictionary<string, InputDistributionLaw> Laws = new()
    {
        // exactly s active, uniform: each input with probability s/m.
        [UniformInputs.DistributionName] = new(
            InputDistributionLaw.ExactlyS,
            p => InputDistributionLaw.Even(p, (double)p.Sparsity / p.InputCount),
            (p, a) => a.Length == p.Sparsity ? null : $"{a.Length} active inputs, not s = {p.Sparsity}"),
        // k uniform in 0..s, then k uniform: E[k] = s/2, so each input with probability s/(2m).
        [UpToInputs.DistributionName] = new(
            p => [.. Enumerable.Repeat(1.0 / (p.Sparsity + 1), p.Sparsity + 1)],
            p => InputDistributionLaw.Even(p, p.Sparsity / 2.0 / p.InputCount),
            (_, _) => null),
        // a uniform pair e of E, plus s − 2 uniform others: input i is in e with probability deg(i)/m', and
        // otherwise among the s − 2 of the m − 2 others.
        [WithTruePairInputs.DistributionName] = new(
            InputDistributionLaw.ExactlyS,
            WithTruePairMarginals,
            (p, a) => a.Length != p.Sparsity ? $"{a.Length} active inputs, not s = {p.Sparsity}"
                : ContainsPair(Pairs(p), a) ? null : $"no pair of E among the active inputs {string.Join(", ", a)}"),
        // ⌈s/2⌉ uniform among the 2s highest-degree inputs H, then s − ⌈s/2⌉ uniform among the rest.
        [HubInputs.DistributionName] = new(
            InputDistributionLaw.ExactlyS,
            HubMarginals,
            (p, a) =>
            {
                var (hubs, fromHubs) = HubCandidates(p);
                var present = a.Count(hubs.Contains);
                return a.Length != p.Sparsity ? $"{a.Length} active inputs, not s = {p.Sparsity}"
                    : present >= fromHubs ? null : $"{present} of the inputs are hub candidates, fewer than {fromHubs}";
            }),
        [ClusteredInputs.DistributionName] = ClusteredInputsLaw.Law,
        // the cone of a uniform gate g among the plantable gates G of the deepest layer that has any, plus
        // s − |cone_g| uniform among the other m − |cone_g|: P(i) = Σ_g (1/|G|)([i ∈ cone_g] + [i ∉ cone_g](s − |cone_g|)/(m − |cone_g|)).
        [WithTrueGateInputs.DistributionName] = new(
            InputDistributionLaw.ExactlyS,
            WithTrueGateMarginals,
            (p, a) =>
            {
                var (layer, _) = PlantableGates(p);
                return a.Length != p.Sparsity ? $"{a.Length} active inputs, not s = {p.Sparsity}"
                    : TrueGates(Assert.IsType<CircuitProblem>(p).Circuit, a)[layer].Count > 0 ? null
                    : $"no gate of layer {layer} is true for the active inputs {string.Join(", ", a)}";
            }),
    };

    /// <summary>The law of <paramref name="name"/>; fails the calling test when none is stated.</summary>
    public static InputDistributionLaw For(string name) =>
        Laws.TryGetValue(name, out var law) ? law
        : throw new Xunit.Sdk.XunitException($"no law for the input distribution '{name}': state it in {nameof(InputDistributionLaws)} so the shape and frequency tests hold it to its promise");

    /// <summary>
    /// The hub candidates as documented: the min(m, 2s) inputs of highest degree, ties to the lower index;
    /// and how many of them each input takes, min(⌈s/2⌉, |H|). Found by a full sort on (−degree, index).
    /// </summary>
    public static (HashSet<int> Hubs, int FromHubs) HubCandidates(Problem problem)
    {
        var keys = Enumerable.Range(0, problem.InputCount).Select(i => ((long)-problem.Degrees[i] << 32) | (uint)i).ToArray();
        Array.Sort(keys);
        var count = Math.Min(problem.InputCount, 2 * problem.Sparsity);
        var hubs = keys.Take(count).Select(key => (int)(key & 0xFFFFFFFF)).ToHashSet();
        return (hubs, Math.Min((problem.Sparsity + 1) / 2, hubs.Count));
    }

    /// <summary>
    /// The deepest layer with a gate whose cone has at most s inputs, and those gates with their cones,
    /// each cone found by walking down from the gate (not bottom-up as the sampler does).
    /// </summary>
    public static (int Layer, List<HashSet<int>> Cones) PlantableGates(Problem problem)
    {
        var circuit = Assert.IsType<CircuitProblem>(problem).Circuit;
        for (var layer = circuit.Depth - 1; layer >= 0; layer--)
        {
            var cones = Enumerable.Range(0, circuit.Width(layer)).Select(g => ConeOf(circuit, layer, g)).Where(c => c.Count <= problem.Sparsity).ToList();
            if (cones.Count > 0)
            {
                return (layer, cones);
            }
        }
        throw new Xunit.Sdk.XunitException("no gate of any layer can be true with s inputs");
    }

    private static HashSet<int> ConeOf(LayeredCircuit circuit, int layer, int gate)
    {
        var cone = new HashSet<int> { gate };
        for (var k = layer; k >= 0; k--)
        {
            cone = [.. cone.SelectMany(g => new[] { circuit.Layers[k].First[g], circuit.Layers[k].Second[g] })];
        }
        return cone;
    }

    /// <summary>The true gates of every layer, by plain boolean evaluation.</summary>
    private static List<HashSet<int>> TrueGates(LayeredCircuit circuit, int[] active)
    {
        var below = active.ToHashSet();
        var layers = new List<HashSet<int>>();
        foreach (var layer in circuit.Layers)
        {
            below = [.. Enumerable.Range(0, layer.Count).Where(g => below.Contains(layer.First[g]) && below.Contains(layer.Second[g]))];
            layers.Add(below);
        }
        return layers;
    }

    private static double[] WithTrueGateMarginals(Problem problem)
    {
        var (_, cones) = PlantableGates(problem);
        var (m, s) = (problem.InputCount, problem.Sparsity);
        var marginals = new double[m];
        foreach (var cone in cones)
        {
            var rest = m == cone.Count ? 0.0 : (double)(s - cone.Count) / (m - cone.Count);
            for (var i = 0; i < m; i++)
            {
                marginals[i] += (cone.Contains(i) ? 1.0 : rest) / cones.Count;
            }
        }
        return marginals;
    }

    private static PairSet Pairs(Problem problem) => Assert.IsType<AndProblem>(problem).Pairs;

    private static bool ContainsPair(PairSet pairs, int[] active) =>
        Enumerable.Range(0, pairs.Count).Any(e => active.Contains(pairs.First[e]) && active.Contains(pairs.Second[e]));

    private static double[] WithTruePairMarginals(Problem problem)
    {
        var (m, s) = (problem.InputCount, problem.Sparsity);
        var rest = m == 2 ? 0.0 : (s - 2.0) / (m - 2);
        return [.. problem.Degrees.Select(degree => ((double)degree / problem.OutputCount) + ((1 - ((double)degree / problem.OutputCount)) * rest))];
    }

    private static double[] HubMarginals(Problem problem)
    {
        var (hubs, fromHubs) = HubCandidates(problem);
        var (m, s) = (problem.InputCount, problem.Sparsity);
        var rest = m == fromHubs ? 0.0 : (double)(s - fromHubs) / (m - fromHubs);
        var picked = (double)fromHubs / hubs.Count;
        return [.. Enumerable.Range(0, m).Select(i => hubs.Contains(i) ? picked + ((1 - picked) * rest) : rest)];
    }
}
