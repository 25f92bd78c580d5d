using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Decoding;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// The Vaintrob–Mendel–Hänni "universal AND" layer (docs/mathematics.md §6), a peer: each of d
/// neurons reads each decompressed input with probability p (weight 1, bias −1); output {i, j} is the
/// mean activation of the neurons that read both, thresholded at 0.5. A pair that no neuron reads
/// both ends of can never fire, so this construction makes no no-false-negative promise. Unless the
/// spec sets them, d and p are sized from the problem (<see cref="RandomAndSizing"/>), so that the
/// layer is not swamped by read noise at the sizes the reports compare it at.
/// </summary>
public static class RandomAnd
{
    public static ConstructionDefinition<AndProblem, RandomAndOptions> Definition { get; } = new()
    {
        Name = "random-and",
        Summary = "Vaintrob–Mendel–Hänni random universal-AND layer, mean-activation readout (peer, docs/mathematics.md §6)",
        Role = ConstructionRole.Peer,
        Solves = [ProblemKind.And],
        NeverFalseNegative = false,
        Schema =
        [
            .. InputLayerOptions.Parameters<RandomAndOptions>(o => o.InputLayer, (o, v) => o with { InputLayer = v }),
            Parameter.Integer<RandomAndOptions>("neurons", "d: neurons of the AND layer; 0: ⌈c_d · ln m' / p²⌉", o => o.Neurons, (o, v) => o with { Neurons = v }, NumberRange.AtLeast(0)),
            Parameter.Number<RandomAndOptions>("connection_probability", "p: chance that a neuron reads a given input; 0: η / ((m − s) · q + s − 1), at most 1, q the read noise of an inactive input", o => o.ConnectionProbability, (o, v) => o with { ConnectionProbability = v }, new NumberRange(0, true, 1, true)),
            Parameter.Number<RandomAndOptions>("neuron_threshold", "neuron bias is -neuron_threshold", o => o.NeuronThreshold, (o, v) => o with { NeuronThreshold = v }),
            Parameter.Number<RandomAndOptions>("mean_threshold", "an output is 1 iff the mean activation of its neurons exceeds this", o => o.MeanThreshold, (o, v) => o with { MeanThreshold = v }),
            Parameter.Number<RandomAndOptions>("noise_budget", "η: the mean activation of a neuron reading one active end of a pair, when connection_probability is 0", o => o.NoiseBudget, (o, v) => o with { NoiseBudget = v }, omittedAtDefault: true),
            Parameter.Number<RandomAndOptions>("support_factor", "c_d: neurons shared by a pair, in units of ln m', when neurons is 0", o => o.SupportFactor, (o, v) => o with { SupportFactor = v }, omittedAtDefault: true),
        ],
        CheckOptions = (problem, options) => InputLayers.Check(problem, options.InputLayer).Concat(CheckSizes(problem, options)),
        BuildParts = Build,
        Sizes = (problem, options) =>
        {
            var (inputEntries, inputNeurons) = InputLayers.Sizes(problem, options.InputLayer);
            var (neurons, probability) = RandomAndSizing.Resolve(problem, options);
            // readers: m·d·p entries, kept beside M while the output code is drawn
            return new ConstructionSizes(inputEntries, inputNeurons, problem.OutputCount * neurons * probability * probability, neurons, 1.5 * problem.InputCount * neurons * probability);
        },
    };

    /// <summary>
    /// The connections and the output code are random: m · d · p and m' · d · p² on average, binomially
    /// spread. The check holds a bound that a draw exceeds with probability below e^-32 (mean + 8 standard
    /// deviations + 64) to the array limit, so the build's arrays cannot overflow in practice.
    /// </summary>
    private static IEnumerable<ParameterError> CheckSizes(ProblemSpec problem, RandomAndOptions options)
    {
        var (neurons, probability) = RandomAndSizing.Resolve(problem, options);
        var connections = HighBound((double)problem.InputCount * neurons * probability);
        var entries = HighBound((double)problem.OutputCount * neurons * probability * probability);
        if ((SizeLimits.Exceeds(neurons, "d", "neurons")
            ?? SizeLimits.Exceeds(connections, "connections m · d · p (a high-probability bound)", "neurons")
            ?? SizeLimits.Exceeds(entries, "output code entries m' · d · p² (a high-probability bound)", "neurons")) is { } error)
        {
            yield return error;
        }
    }

    private static double HighBound(double mean) => mean + (8 * Math.Sqrt(mean)) + 64;

    private static NetworkParts Build(AndProblem problem, RandomAndOptions options, Seed seed)
    {
        var spec = problem.Spec;
        var rng = new Rng(seed);
        var (inputCode, encoding) = InputLayers.Draw(spec, options.InputLayer, rng);
        // Checked at validation: the resolved d fits an int and its arrays.
        var (layer, probability) = RandomAndSizing.Resolve(spec, options);
        var neurons = (int)layer;

        // Connections input by input, by geometric skips: cost O(d · m · p), not O(d · m).
        var readers = new int[spec.InputCount][];
        var buffer = new List<int>();
        for (var input = 0; input < spec.InputCount; input++)
        {
            buffer.Clear();
            for (var neuron = NextSkip(rng, probability, -1); neuron < neurons; neuron = NextSkip(rng, probability, neuron))
            {
                buffer.Add(neuron);
            }
            readers[input] = [.. buffer];
        }
        var compute = ComputeMatrix.FromColumns(neurons, spec.InputCount, input => readers[input].Length, (input, rows, weights) =>
        {
            readers[input].CopyTo(rows);
            weights[..readers[input].Length].Fill(1);
            return readers[input].Length;
        });

        // Output e = {i, j} reads the neurons connected to both ends (sorted intersection).
        var offsets = new int[spec.OutputCount + 1];
        var supports = new List<int>();
        for (var e = 0; e < spec.OutputCount; e++)
        {
            supports.AddRange(readers[problem.Pairs.First[e]].Intersect(readers[problem.Pairs.Second[e]]));
            offsets[e + 1] = supports.Count;
        }
        return new NetworkParts
        {
            InputEncoding = encoding,
            InputCode = inputCode,
            Compute = compute,
            Biases = Enumerable.Repeat(-options.NeuronThreshold, neurons).ToImmutableArray(),
            OutputCode = new Code(neurons, offsets, [.. supports]),
            Decoder = new Decoder.MeanAbove(options.MeanThreshold),
            Layout = [new NeuronSegment("layer", 0, neurons)],
        };
    }

    private static int NextSkip(Rng rng, double probability, int current)
    {
        if (probability >= 1)
        {
            return current + 1;
        }
        var skip = Math.Floor(Math.Log(1 - rng.NextDouble()) / Math.Log(1 - probability));
        return (int)Math.Min(int.MaxValue - 1, current + 1 + skip);
    }
}
