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

    /// <summary>
    /// An upper bound on the output neurons of <see cref="Make"/> for any instance of <paramref name="problem"/>,
    /// in double, split by what drives it: the channel R (n_0), the blocks' floor max(⌈block_factor · s · b_out⌉,
    /// b_out + 1) times the most heavy inputs an instance can have, and the noise terms. A heavy input has
    /// degree at least d = ⌊τ⌋ + 1 and the degrees sum to 2m', so at most min(m, m', 2m' / d) inputs are heavy;
    /// the pairs pivoted on them number at most m', so the noise terms sum to at most
    /// block_noise_factor · m' · s · b_in · b_out / n_in plus one per block for the ceilings.
    /// </summary>
    public static (double Channel, double Blocks, double Noise) NeuronBound(ProblemSpec problem, SuperposedAndOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        double m = problem.InputCount, outputs = problem.OutputCount, s = problem.Sparsity;
        var outputWidth = options.InputLayer.CodeWidth.WidthEstimate(problem.OutputCount);
        var baseNeurons = Math.Ceiling(options.InputLayer.BaseNeuronsEstimate(problem.OutputCount, problem.Sparsity));
        var tau = baseNeurons / (options.InfluenceFactor * s * outputWidth);
        var smallestHeavyDegree = Math.Floor(tau) + 1;
        var heavy = smallestHeavyDegree > Math.Min(m - 1, outputs) ? 0 : Math.Min(Math.Min(m, outputs), Math.Floor(2 * outputs / smallestHeavyDegree));
        var blockFloor = Math.Max(Math.Ceiling(options.BlockFactor * s * outputWidth), outputWidth + 1);
        var explicitInputs = options.InputLayer.IsExplicit(problem);
        var noise = explicitInputs || heavy == 0 ? 0 : (options.BlockNoiseFactor * outputs * s * outputWidth * outputWidth / baseNeurons) + heavy;
        return (baseNeurons, heavy * blockFloor, noise);
    }
}
