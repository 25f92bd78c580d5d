using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Superposition.Problems;

namespace Superposition.Constructions;

/// <summary>
/// The channel plan of docs/mathematics.md §4.2: which pairs share the channel R and which block each
/// other pair belongs to. <see cref="Pivot"/>[e] is −1 for a channel pair, else the heavy input it is
/// pivoted on; blocks are laid out in <see cref="PivotOrder"/>.
/// </summary>
public sealed record SuperposedAndPlan(int ChannelSize, ImmutableArray<int> Pivot, ImmutableArray<int> PivotOrder, ImmutableDictionary<int, int> BlockSize, double InfluenceThreshold)
{
    /// <summary>
    /// Heavy inputs have degree above τ = n_0 / (influence_factor · s · b_out); a pair with a heavy end is
    /// pivoted on it (on the larger (d, index) when both are heavy); blocks are sized to keep partner read
    /// noise and crowding low (docs/mathematics.md §4.1–4.2).
    /// </summary>
    public static SuperposedAndPlan Make(AndProblem problem, SuperposedAndOptions options, int inputNeurons, int inputWidth, int outputWidth, bool explicitInputs)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var spec = problem.Spec;
        var degrees = problem.Pairs.Degrees;
        var baseNeurons = options.InputLayer.BaseNeurons(spec.OutputCount, spec.Sparsity);
        var tau = baseNeurons / (options.InfluenceFactor * spec.Sparsity * outputWidth);
        var pivots = new int[spec.OutputCount];
        var pairsPerPivot = new Dictionary<int, int>();
        var anyChannelPair = false;
        for (var e = 0; e < spec.OutputCount; e++)
        {
            var (i, j) = (problem.Pairs.First[e], problem.Pairs.Second[e]);
            var (heavyI, heavyJ) = (degrees[i] > tau, degrees[j] > tau);
            pivots[e] = (heavyI, heavyJ) switch
            {
                (false, false) => -1,
                (true, false) => i,
                (false, true) => j,
                _ => (degrees[i], i).CompareTo((degrees[j], j)) > 0 ? i : j,
            };
            if (pivots[e] < 0)
            {
                anyChannelPair = true;
            }
            else
            {
                pairsPerPivot[pivots[e]] = pairsPerPivot.GetValueOrDefault(pivots[e]) + 1;
            }
        }
        var order = pairsPerPivot.Keys.OrderByDescending(h => degrees[h]).ThenBy(h => h).ToImmutableArray();
        var s = spec.Sparsity;
        var sizes = pairsPerPivot.ToImmutableDictionary(kv => kv.Key, kv => Math.Max(
            Math.Max((int)Math.Ceiling(options.BlockFactor * s * outputWidth), outputWidth + 1),
            explicitInputs ? 0 : (int)Math.Ceiling(options.BlockNoiseFactor * kv.Value * s * inputWidth * outputWidth / inputNeurons)));
        return new SuperposedAndPlan(anyChannelPair ? baseNeurons : 0, ImmutableCollectionsMarshal.AsImmutableArray(pivots), order, sizes, tau);
    }
}
