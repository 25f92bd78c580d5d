using Superposition.Codes;
using Superposition.Decoding;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// Baseline that computes nothing (docs/mathematics.md §6): the true outputs themselves are
/// OR-encoded into a code of width w over d neurons and threshold-decoded, like a Bloom filter.
/// w = max(min_code_width, ⌈c_b · log2 m'⌉) and d = ⌈neuron_factor · max(1, C(s,2)) · w⌉, so d grows like
/// log m': the "representing versus computing" gap. Sweep neuron_factor to find the smallest clean d.
/// </summary>
public static class Representation
{
    public static ConstructionDefinition<Problem, RepresentationOptions> Definition { get; } = new()
    {
        Name = "representation",
        Summary = "true outputs encoded directly in a code of O(log m') neurons; computes nothing (baseline, docs/mathematics.md §6)",
        Role = ConstructionRole.RepresentsOnly,
        Solves = [ProblemKind.And, ProblemKind.Permutation],
        NeverFalseNegative = true,
        Schema =
        [
            .. CodeWidthOptions.Parameters<RepresentationOptions>(o => o.CodeWidth, (o, v) => o with { CodeWidth = v }),
            Parameter.Number<RepresentationOptions>("neuron_factor", "d = ⌈neuron_factor · max(1, true outputs at most) · w⌉", o => o.NeuronFactor, (o, v) => o with { NeuronFactor = v }),
            Parameter.Number<RepresentationOptions>("decode_threshold", InputLayers.DecodeThresholdDescription, o => o.DecodeThreshold, (o, v) => o with { DecodeThreshold = v }),
        ],
        CheckOptions = (problem, options) => InputLayers.RequireMargin(1, options.DecodeThreshold, "an encoded neuron's activation", "decode_threshold").Concat(CheckSizes(problem, options)),
        BuildParts = Build,
        Sizes = (problem, options) => new ConstructionSizes(0, 0, (double)problem.OutputCount * options.CodeWidth.WidthEstimate(problem.OutputCount), NeuronEstimate(problem, options), 0),
    };

    /// <summary>d for a problem and options that passed the checks.</summary>
    public static int NeuronCount(ProblemSpec problem, RepresentationOptions options) => checked((int)NeuronEstimate(problem, options));

    /// <summary>d in double (never overflows), for the checks and the memory estimate.</summary>
    public static double NeuronEstimate(ProblemSpec problem, RepresentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var width = options.CodeWidth.WidthEstimate(problem.OutputCount);
        long s = problem.Sparsity;
        var trueOutputs = problem.Kind == ProblemKind.And ? s * (s - 1) / 2 : s;
        return Math.Max(width, Math.Ceiling(options.NeuronFactor * Math.Max(1, trueOutputs) * width));
    }

    private static IEnumerable<ParameterError> CheckSizes(ProblemSpec problem, RepresentationOptions options)
    {
        var widthParameter = options.CodeWidth.WidthParameter(problem.OutputCount);
        var width = options.CodeWidth.WidthEstimate(problem.OutputCount);
        if ((SizeLimits.Exceeds(width, "code width w", widthParameter)
            ?? SizeLimits.Exceeds(NeuronEstimate(problem, options), "d = ⌈neuron_factor · max(1, true outputs at most) · w⌉", width >= NeuronEstimate(problem, options) ? widthParameter : "neuron_factor")
            ?? SizeLimits.Exceeds(problem.OutputCount * width, "code entries m' · w", widthParameter)) is { } error)
        {
            yield return error;
        }
    }

    private static NetworkParts Build(Problem problem, RepresentationOptions options, Seed seed)
    {
        var neurons = NeuronCount(problem.Spec, options);
        var code = CodeFactory.Uniform(problem.Spec.OutputCount, neurons, options.CodeWidth.Width(problem.Spec.OutputCount), new Rng(seed));
        return new NetworkParts
        {
            InputEncoding = InputEncoding.Targets,
            InputCode = code,
            OutputCode = code,
            Decoder = new Decoder.AllAbove(options.DecodeThreshold),
            Layout = [new NeuronSegment("code", 0, neurons)],
        };
    }
}
