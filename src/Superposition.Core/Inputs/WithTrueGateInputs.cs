using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Superposition.Problems;

namespace Superposition.Inputs;

/// <summary>
/// Plants a true gate as deep in a circuit as the sparsity allows: the gates whose cone (the inputs they
/// depend on) has at most s inputs can be made true by an input of s active features; among the gates of
/// the deepest layer that has any, one is drawn uniformly, its cone is active, and the other
/// s − |cone| inputs are uniform among the rest. A first-layer gate's cone is its pair, so some layer
/// always qualifies when s ≥ 2; for balanced trees with s ≥ 2^d it is the last layer, an output.
/// </summary>
public sealed class WithTrueGateInputs : InputDistribution
{
    public const string DistributionName = "with-true-gate";

    private static readonly ConditionalWeakTable<Problem, Planting> Plantings = [];

    public override string Name => DistributionName;

    public override string Description => "the cone of a uniform gate of the deepest layer whose gates can be true with s inputs, plus uniform others up to s";

    public override string AppliesTo => "circuits with s ≥ 2";

    public override string? Inapplicable(ProblemSpec problem) =>
        problem.Kind != ProblemKind.Circuit ? $"'{DistributionName}' applies to 'circuit' problems only"
        : problem.Sparsity < 2 ? $"'{DistributionName}' needs sparsity s ≥ 2, got {problem.Sparsity}"
        : null;

    /// <summary>The layer whose gates are planted and the cone (ascending) of each candidate gate, as the sampler uses them.</summary>
    public static (int Layer, ImmutableArray<int> Gates, ImmutableArray<int[]> Cones) Candidates(CircuitProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var planting = Plantings.GetValue(problem, p => Plant((CircuitProblem)p));
        return (planting.Layer, planting.Gates, planting.Cones);
    }

    public override InputSampler SamplerFor(Problem problem)
    {
        var circuit = problem as CircuitProblem ?? throw new ArgumentException($"'{DistributionName}' needs a circuit problem", nameof(problem));
        var (_, _, cones) = Candidates(circuit);
        var inputCount = problem.InputCount;
        return (rng, destination) =>
        {
            var cone = cones[rng.NextInt(cones.Length)];
            cone.CopyTo(destination);
            return cone.Length + FillUniform(rng, inputCount, destination, cone.Length);
        };
    }

    /// <summary>Cones layer by layer, kept only while they have at most s inputs; the deepest layer with a kept cone wins.</summary>
    private static Planting Plant(CircuitProblem problem)
    {
        var s = problem.Sparsity;
        var circuit = problem.Circuit;
        int[]?[] below = [.. Enumerable.Range(0, circuit.InputCount).Select(i => new[] { i })];
        var best = new Planting(-1, [], []);
        for (var k = 0; k < circuit.Depth; k++)
        {
            var layer = circuit.Layers[k];
            var cones = new int[]?[layer.Count];
            var gates = ImmutableArray.CreateBuilder<int>();
            var kept = ImmutableArray.CreateBuilder<int[]>();
            for (var g = 0; g < layer.Count; g++)
            {
                if (below[layer.First[g]] is { } a && below[layer.Second[g]] is { } b)
                {
                    var union = a.Union(b).Order().ToArray();
                    if (union.Length <= s)
                    {
                        cones[g] = union;
                        gates.Add(g);
                        kept.Add(union);
                    }
                }
            }
            if (gates.Count > 0)
            {
                best = new Planting(k, gates.ToImmutable(), kept.ToImmutable());
            }
            below = cones;
        }
        return best;
    }

    private sealed record Planting(int Layer, ImmutableArray<int> Gates, ImmutableArray<int[]> Cones);
}
