using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Superposition.Codes;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// The superposed 2-AND construction of docs/mathematics.md §4, which meets the paper's upper
/// bound (O(√m' log m') neurons, O(m' log² m') parameters for fixed s). Light pairs share the output
/// channel R; pairs with a heavy end go to a private block of their pivot, gated by weight G. Every
/// constant is a parameter below with the documented default. No deviation from the page.
/// </summary>
public static class SuperposedAnd
{
    private static readonly ParameterDefinition InfluenceFactor = ParameterDefinition.Positive("influence_factor", 4, "τ = n_0 / (influence_factor · s · b): inputs of degree above τ are heavy");
    private static readonly ParameterDefinition BlockFactor = ParameterDefinition.Positive("block_factor", 4, "|B_h| ≥ ⌈block_factor · s · b_out⌉");
    private static readonly ParameterDefinition BlockNoiseFactor = ParameterDefinition.Positive("block_noise_factor", 8, "|B_h| ≥ ⌈block_noise_factor · p_h · s · b_in · b_out / n_in⌉ with superposed inputs");
    private static readonly ParameterDefinition ChannelThreshold = ParameterDefinition.Positive("channel_threshold", 1.5, "output-channel bias is -channel_threshold");
    private static readonly ParameterDefinition GateSlope = ParameterDefinition.Positive("gate_slope", 2, "gate weight G = gate_slope · s + gate_offset");
    private static readonly ParameterDefinition GateOffset = ParameterDefinition.Positive("gate_offset", 2, "gate weight G = gate_slope · s + gate_offset");
    private static readonly ParameterDefinition BlockMargin = ParameterDefinition.Positive("block_margin", 0.5, "block bias is -(G + block_margin)");

    public static ConstructionDefinition Definition { get; } = new()
    {
        Name = "superposed-and",
        Summary = "2-AND with inputs and outputs in superposition: shared channel for light pairs, gated blocks for heavy inputs (section 4)",
        Solves = [ProblemKind.And],
        NeverFalseNegative = true,
        Parameters =
        [
            InputLayers.CodeWidthFactor, InputLayers.MinCodeWidth, InputLayers.NeuronFactor, InputLayers.Encoding, InputLayers.DecodeThreshold,
            InfluenceFactor, BlockFactor, BlockNoiseFactor, ChannelThreshold, GateSlope, GateOffset, BlockMargin,
        ],
        Check = (problem, parameters) => InputLayers.Check(problem, parameters)
            .Concat(InputLayers.RequireMargin(2 - parameters.Number(ChannelThreshold.Name), parameters, "2 - channel_threshold"))
            .Concat(InputLayers.RequireMargin(1 - parameters.Number(BlockMargin.Name), parameters, "1 - block_margin"))
            .Concat(Gate(problem.Sparsity, parameters) >= 1 ? [] : [$"gate weight G = round(gate_slope · s + gate_offset) = {Gate(problem.Sparsity, parameters)} must be at least 1"]),
        Build = Build,
    };

    /// <summary>The channel plan of section 4.2: which pairs share R and which block each other pair belongs to.</summary>
    public sealed record Plan(int ChannelSize, ImmutableArray<int> Pivot, ImmutableArray<int> PivotOrder, ImmutableDictionary<int, int> BlockSize, double InfluenceThreshold);

    public static Network Build(Problem problem, ConstructionParameters parameters, Seed seed)
    {
        var and = (AndProblem)problem;
        var spec = problem.Spec;
        var rng = new Rng(seed);
        var (inputCode, encoding) = InputLayers.Draw(spec, parameters, rng);
        var outputWidth = InputLayers.CodeWidth(spec.OutputCount, parameters);
        var inputWidth = encoding == InputEncoding.Explicit ? 1 : outputWidth;
        var plan = MakePlan(and, parameters, inputCode.NeuronCount, inputWidth, outputWidth, encoding == InputEncoding.Explicit);

        // Layout: R, then the blocks in pivot order (-d, index).
        var layout = ImmutableArray.CreateBuilder<NeuronSegment>();
        var blockStart = new Dictionary<int, int>();
        layout.Add(new NeuronSegment("R", 0, plan.ChannelSize));
        var next = plan.ChannelSize;
        foreach (var pivot in plan.PivotOrder)
        {
            blockStart[pivot] = next;
            layout.Add(new NeuronSegment($"B:{pivot}", next, plan.BlockSize[pivot]));
            next += plan.BlockSize[pivot];
        }
        var outputNeurons = next;

        // Output codes, drawn R pairs first (output order), then block by block (output order within).
        var ranges = new (int Start, int Length)[spec.OutputCount];
        var channelPairs = new List<int>();
        var blockPairs = plan.PivotOrder.ToDictionary(p => p, _ => new List<int>());
        for (var e = 0; e < spec.OutputCount; e++)
        {
            var pivot = plan.Pivot[e];
            if (pivot < 0)
            {
                ranges[e] = (0, plan.ChannelSize);
                channelPairs.Add(e);
            }
            else
            {
                ranges[e] = (blockStart[pivot], plan.BlockSize[pivot]);
                blockPairs[pivot].Add(e);
            }
        }
        int[] drawOrder = [.. channelPairs, .. plan.PivotOrder.SelectMany(p => blockPairs[p])];
        var outputCode = CodeFactory.Ranged(outputNeurons, outputWidth, ranges, rng, drawOrder);

        var gate = Gate(spec.Sparsity, parameters);
        var compute = ComputeMatrix.FromColumns(
            outputNeurons, spec.InputCount, input => and.Pairs.Degrees[input] * outputWidth, (input, rows, weights) => WriteColumn(and.Pairs, plan, outputCode, input, gate, rows, weights));
        var biases = new double[outputNeurons];
        Array.Fill(biases, -parameters.Number(ChannelThreshold.Name), 0, plan.ChannelSize);
        Array.Fill(biases, -(gate + parameters.Number(BlockMargin.Name)), plan.ChannelSize, outputNeurons - plan.ChannelSize);

        return Network.Create(
            Definition.Name, parameters, problem, seed, encoding, inputCode, compute,
            ImmutableCollectionsMarshal.AsImmutableArray(biases), outputCode,
            DecodeRule.AllAbove, parameters.Number(InputLayers.DecodeThreshold.Name), layout.ToImmutable());
    }

    /// <summary>G = round(gate_slope · s + gate_offset), an integer because compute weights are positive integers.</summary>
    public static int Gate(int sparsity, ConstructionParameters parameters) =>
        (int)Math.Round((parameters.Number(GateSlope.Name) * sparsity) + parameters.Number(GateOffset.Name));

    /// <summary>
    /// Section 4.1–4.2: heavy inputs have degree above τ; a pair with a heavy end is pivoted on it (on the
    /// larger (d, index) when both are heavy); blocks are sized to keep partner read noise and crowding low.
    /// </summary>
    public static Plan MakePlan(AndProblem problem, ConstructionParameters parameters, int inputNeurons, int inputWidth, int outputWidth, bool explicitInputs)
    {
        var spec = problem.Spec;
        var degrees = problem.Pairs.Degrees;
        var baseNeurons = InputLayers.BaseNeurons(spec.OutputCount, spec.Sparsity, parameters);
        var tau = baseNeurons / (parameters.Number(InfluenceFactor.Name) * spec.Sparsity * outputWidth);
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
            Math.Max((int)Math.Ceiling(parameters.Number(BlockFactor.Name) * s * outputWidth), outputWidth + 1),
            explicitInputs ? 0 : (int)Math.Ceiling(parameters.Number(BlockNoiseFactor.Name) * kv.Value * s * inputWidth * outputWidth / inputNeurons)));
        return new Plan(anyChannelPair ? baseNeurons : 0, ImmutableCollectionsMarshal.AsImmutableArray(pivots), order, sizes, tau);
    }

    /// <summary>Column i of M (section 4.4): the code neurons of every pair i belongs to, weight G when i pivots the pair.</summary>
    private static int WriteColumn(PairSet pairs, Plan plan, Code outputCode, int input, int gate, Span<int> rows, Span<int> weights)
    {
        var written = 0;
        foreach (var e in pairs.NeighbourOutputs(input))
        {
            var weight = plan.Pivot[e] == input ? gate : 1;
            foreach (var neuron in outputCode.Support(e))
            {
                rows[written] = neuron;
                weights[written++] = weight;
            }
        }
        return written;
    }
}
