using System.Collections.Immutable;
using Superposition.Decoding;
using Superposition.Problems;

namespace Superposition.Constructions;

/// <summary>
/// The superposed 2-AND construction of docs/mathematics.md §4, which meets the paper's upper
/// bound (O(√m' log m') neurons, O(m' log² m') parameters for fixed s). Light pairs share the output
/// channel R; pairs with a heavy end go to a private block of their pivot, gated by weight G. Every
/// constant is a parameter below with the documented default. No deviation from the page, except the
/// optional k-of-w read-out (decoder = "k-of-w"), which keeps the no-false-negative guarantee.
/// </summary>
public static class SuperposedAnd
{
    /// <summary>The superposed-and parameters every variant shares (all but the decoder choice).</summary>
    public static ImmutableArray<Parameter<SuperposedAndOptions>> LayerParameters { get; } =
    [
        .. InputLayerOptions.Parameters<SuperposedAndOptions>(o => o.InputLayer, (o, v) => o with { InputLayer = v }),
        Parameter.Number<SuperposedAndOptions>("decode_threshold", InputLayers.DecodeThresholdDescription, o => o.DecodeThreshold, (o, v) => o with { DecodeThreshold = v }),
        Parameter.Number<SuperposedAndOptions>("influence_factor", "τ = n_0 / (influence_factor · s · b): inputs of degree above τ are heavy", o => o.InfluenceFactor, (o, v) => o with { InfluenceFactor = v }),
        Parameter.Number<SuperposedAndOptions>("block_factor", "|B_h| ≥ ⌈block_factor · s · b_out⌉", o => o.BlockFactor, (o, v) => o with { BlockFactor = v }),
        Parameter.Number<SuperposedAndOptions>("block_noise_factor", "|B_h| ≥ ⌈block_noise_factor · p_h · s · b_in · b_out / n_in⌉ with superposed inputs", o => o.BlockNoiseFactor, (o, v) => o with { BlockNoiseFactor = v }),
        Parameter.Number<SuperposedAndOptions>("channel_threshold", "output-channel bias is -channel_threshold", o => o.ChannelThreshold, (o, v) => o with { ChannelThreshold = v }),
        Parameter.Number<SuperposedAndOptions>("gate_slope", "gate weight G = gate_slope · s + gate_offset", o => o.GateSlope, (o, v) => o with { GateSlope = v }),
        Parameter.Number<SuperposedAndOptions>("gate_offset", "gate weight G = gate_slope · s + gate_offset", o => o.GateOffset, (o, v) => o with { GateOffset = v }),
        Parameter.Number<SuperposedAndOptions>("block_margin", "block bias is -(G + block_margin)", o => o.BlockMargin, (o, v) => o with { BlockMargin = v }),
    ];

    public static ConstructionDefinition<AndProblem, SuperposedAndOptions> Definition { get; } = new()
    {
        Name = "superposed-and",
        Summary = "2-AND with inputs and outputs in superposition: shared channel for light pairs, gated blocks for heavy inputs (docs/mathematics.md §4)",
        Role = ConstructionRole.ComputesProblem,
        Solves = [ProblemKind.And],
        NeverFalseNegative = true,
        Schema =
        [
            .. LayerParameters,
            Parameter.Choice<SuperposedAndOptions, SuperposedAndDecoder>(
                "decoder",
                "read-out: all-above (every code neuron above γ) or k-of-w (at least k of them)",
                [("all-above", SuperposedAndDecoder.AllAbove), ("k-of-w", SuperposedAndDecoder.KOfW)],
                o => o.Decoder,
                (o, v) => o with { Decoder = v },
                omittedAtDefault: true),
            Parameter.Number<SuperposedAndOptions>(
                "decoder_fraction",
                "with k-of-w, k = ⌈decoder_fraction · b_out⌉ of an output's b_out code neurons must be above γ",
                o => o.DecoderFraction,
                (o, v) => o with { DecoderFraction = v },
                NumberRange.UnitInterval,
                omittedAtDefault: true),
        ],
        CheckOptions = (problem, options) => CheckLayer(problem, options).Concat(
            options.Decoder == SuperposedAndDecoder.AllAbove && options.DecoderFraction != 1
                ? [new ParameterError("decoder_fraction", $"decoder_fraction = {options.DecoderFraction} applies only with decoder \"k-of-w\"")]
                : []),
        BuildParts = (problem, options, seed) =>
        {
            var layer = SuperposedAndLayer.Draw(problem, options, seed);
            return layer.WithDecoder(options.Decoder == SuperposedAndDecoder.KOfW
                ? new Decoder.KOfW(options.DecoderK(layer.OutputWidth), options.DecodeThreshold)
                : new Decoder.AllAbove(options.DecodeThreshold));
        },
        Sizes = Sizes,
    };

    /// <summary>
    /// The checks of the shared layer: input sizing, the two margins of a true output, 1 ≤ G with s · G an
    /// int (a neuron's weighted input sum), and the sizes of the output code, of M and of the block layout.
    /// </summary>
    public static IEnumerable<ParameterError> CheckLayer(ProblemSpec problem, SuperposedAndOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var input = InputLayers.Check(problem, options.InputLayer).ToList();
        var gate = Math.Round((options.GateSlope * problem.Sparsity) + options.GateOffset);
        var gateParameter = Math.Abs(options.GateSlope * problem.Sparsity) >= Math.Abs(options.GateOffset) ? "gate_slope" : "gate_offset";
        return input
            .Concat(InputLayers.RequireMargin(2 - options.ChannelThreshold, options.DecodeThreshold, "2 - channel_threshold", "channel_threshold"))
            .Concat(InputLayers.RequireMargin(1 - options.BlockMargin, options.DecodeThreshold, "1 - block_margin", "block_margin"))
            .Concat(gate >= 1 ? [] : [new ParameterError("gate_offset", $"gate weight G = round(gate_slope · s + gate_offset) = {gate} must be at least 1")])
            .Concat(gate * problem.Sparsity <= int.MaxValue ? [] : [new ParameterError(gateParameter, $"gate weight G = round(gate_slope · s + gate_offset) = {SizeLimits.Format(gate)} times s = {problem.Sparsity} exceeds {int.MaxValue}, the largest sum of weights a neuron holds")])
            .Concat(input.Count > 0 ? [] : CheckSizes(problem, options));
    }

    /// <summary>Output code entries m' · b, nonzeros 2 · m' · b and the block layout's neurons (their bound over every instance) against <see cref="SizeLimits"/>.</summary>
    private static IEnumerable<ParameterError> CheckSizes(ProblemSpec problem, SuperposedAndOptions options)
    {
        var widthParameter = options.InputLayer.CodeWidth.WidthParameter(problem.OutputCount);
        var entries = (double)problem.OutputCount * options.InputLayer.CodeWidth.WidthEstimate(problem.OutputCount);
        if ((SizeLimits.Exceeds(entries, "output code entries m' · b", widthParameter) ?? SizeLimits.Exceeds(2 * entries, "nonzeros of M 2 · m' · b", widthParameter)) is { } entryError)
        {
            yield return entryError;
        }
        var (channel, blocks, noise) = SuperposedAndPlan.NeuronBound(problem, options);
        var driver = blocks >= channel && blocks >= noise ? "block_factor" : noise >= channel ? "block_noise_factor" : "neuron_factor";
        if (SizeLimits.Exceeds(channel + blocks + noise, $"the output neurons of the block layout (R {SizeLimits.Format(channel)} + heavy blocks {SizeLimits.Format(blocks)} + noise terms {SizeLimits.Format(noise)}, at most, over every instance)", driver) is { } layoutError)
        {
            yield return layoutError;
        }
    }

    /// <summary>
    /// Sizes of the layer: output code m'·b, M = 2·m'·b (both ends of every pair onto every neuron of
    /// its code), R plus blocks at most <see cref="SuperposedAndPlan.NeuronBound"/>.
    /// </summary>
    public static ConstructionSizes Sizes(ProblemSpec problem, SuperposedAndOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var (inputEntries, inputNeurons) = InputLayers.Sizes(problem, options.InputLayer);
        var entries = (double)problem.OutputCount * options.InputLayer.CodeWidth.WidthEstimate(problem.OutputCount);
        var (channel, blocks, noise) = SuperposedAndPlan.NeuronBound(problem, options);
        return new ConstructionSizes(inputEntries, inputNeurons, entries, channel + blocks + noise, 2 * entries);
    }
}
