using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Superposition.Codes;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// Everything of superposed-and except its read-out: input layer, channel plan, output code, compute
/// matrix and biases (docs/mathematics.md §4.1–4.4). Public so that a variant with another decoder
/// reuses it instead of copying it: <c>SuperposedAndLayer.Draw(problem, options, seed).WithDecoder(decoder)</c>.
/// </summary>
public sealed record SuperposedAndLayer(
    InputEncoding InputEncoding,
    Code InputCode,
    SuperposedAndPlan Plan,
    int OutputWidth,
    Code OutputCode,
    ComputeMatrix Compute,
    ImmutableArray<double> Biases,
    ImmutableArray<NeuronSegment> Layout)
{
    /// <summary>Draws the layer from <paramref name="seed"/>: input code first, then the output code, from one stream.</summary>
    public static SuperposedAndLayer Draw(AndProblem problem, SuperposedAndOptions options, Seed seed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var spec = problem.Spec;
        var rng = new Rng(seed);
        var (inputCode, encoding) = InputLayers.Draw(spec, options.InputLayer, rng);
        var outputWidth = options.InputLayer.Width(spec.OutputCount);
        var inputWidth = encoding == InputEncoding.Explicit ? 1 : outputWidth;
        var plan = SuperposedAndPlan.Make(problem, options, inputCode.NeuronCount, inputWidth, outputWidth, encoding == InputEncoding.Explicit);

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

        var gate = Gate(spec.Sparsity, options);
        var compute = ComputeMatrix.FromColumns(
            outputNeurons, spec.InputCount, input => problem.Pairs.Degrees[input] * outputWidth, (input, rows, weights) => WriteColumn(problem.Pairs, plan, outputCode, input, gate, rows, weights));
        var biases = new double[outputNeurons];
        Array.Fill(biases, -options.ChannelThreshold, 0, plan.ChannelSize);
        Array.Fill(biases, -(gate + options.BlockMargin), plan.ChannelSize, outputNeurons - plan.ChannelSize);
        return new SuperposedAndLayer(encoding, inputCode, plan, outputWidth, outputCode, compute, ImmutableCollectionsMarshal.AsImmutableArray(biases), layout.ToImmutable());
    }

    /// <summary>G = round(gate_slope · s + gate_offset), an integer because compute weights are positive integers.</summary>
    public static int Gate(int sparsity, SuperposedAndOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (int)Math.Round((options.GateSlope * sparsity) + options.GateOffset);
    }

    /// <summary>Column i of M (docs/mathematics.md §4.4): the code neurons of every pair i belongs to, weight G when i pivots the pair.</summary>
    public static int WriteColumn(PairSet pairs, SuperposedAndPlan plan, Code outputCode, int input, int gate, Span<int> rows, Span<int> weights)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outputCode);
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

    /// <summary>The network parts of this layer read out by <paramref name="decoder"/>.</summary>
    public NetworkParts WithDecoder(Decoding.Decoder decoder) => new()
    {
        InputEncoding = InputEncoding,
        InputCode = InputCode,
        Compute = Compute,
        Biases = Biases,
        OutputCode = OutputCode,
        Decoder = decoder,
        Layout = Layout,
    };
}
