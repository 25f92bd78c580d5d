using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Decoding;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// Baseline without output superposition (docs/mathematics.md §6): one neuron per pair,
/// z_e = ReLU(x̃_i + x̃_j − 1.5), read with threshold γ. Its n_in + m' neurons against superposed-and
/// locate the crossover m' beyond which superposition wins. Same input layer as superposed-and.
/// </summary>
public static class Dedicated
{
    public static ConstructionDefinition<AndProblem, DedicatedOptions> Definition { get; } = new()
    {
        Name = "dedicated",
        Summary = "one neuron per pair, no output superposition (baseline, docs/mathematics.md §6)",
        Role = ConstructionRole.OnePerPairBaseline,
        Solves = [ProblemKind.And],
        NeverFalseNegative = true,
        Schema =
        [
            .. InputLayerOptions.Parameters<DedicatedOptions>(o => o.InputLayer, (o, v) => o with { InputLayer = v }),
            Parameter.Number<DedicatedOptions>("decode_threshold", InputLayers.DecodeThresholdDescription, o => o.DecodeThreshold, (o, v) => o with { DecodeThreshold = v }),
            Parameter.Number<DedicatedOptions>("pair_threshold", "neuron bias is -pair_threshold", o => o.PairThreshold, (o, v) => o with { PairThreshold = v }),
        ],
        CheckOptions = (problem, options) => InputLayers.Check(problem, options.InputLayer).Concat(
            InputLayers.RequireMargin(2 - options.PairThreshold, options.DecodeThreshold, "2 - pair_threshold", "pair_threshold")),
        BuildParts = Build,
        Sizes = (problem, options) =>
        {
            var (inputEntries, inputNeurons) = InputLayers.Sizes(problem, options.InputLayer);
            return new ConstructionSizes(inputEntries, inputNeurons, problem.OutputCount, problem.OutputCount, 2.0 * problem.OutputCount);
        },
    };

    private static NetworkParts Build(AndProblem problem, DedicatedOptions options, Seed seed)
    {
        var spec = problem.Spec;
        var (inputCode, encoding) = InputLayers.Draw(spec, options.InputLayer, new Rng(seed));
        var outputs = spec.OutputCount;
        var compute = ComputeMatrix.FromColumns(outputs, spec.InputCount, input => problem.Pairs.Degrees[input], (input, rows, weights) =>
        {
            var pairs = problem.Pairs.NeighbourOutputs(input);
            pairs.CopyTo(rows);
            weights[..pairs.Length].Fill(1);
            return pairs.Length;
        });
        return new NetworkParts
        {
            InputEncoding = encoding,
            InputCode = inputCode,
            Compute = compute,
            Biases = Enumerable.Repeat(-options.PairThreshold, outputs).ToImmutableArray(),
            OutputCode = CodeFactory.Explicit(outputs),
            Decoder = new Decoder.AllAbove(options.DecodeThreshold),
            Layout = [new NeuronSegment("pairs", 0, outputs)],
        };
    }
}
