using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// The Vaintrob–Mendel–Hänni "universal AND" layer (docs/mathematics.md §6), a peer: each of d
/// neurons reads each decompressed input with probability p (weight 1, bias −1); output {i, j} is the
/// mean activation of the neurons that read both, thresholded at 0.5. A pair that no neuron reads
/// both ends of can never fire, so this construction makes no no-false-negative promise.
/// </summary>
public static class RandomAnd
{
    private static readonly ParameterDefinition Neurons = ParameterDefinition.Positive("neurons", 2000, "d: neurons of the AND layer", integer: true);
    private static readonly ParameterDefinition Probability = ParameterDefinition.Positive("connection_probability", 0.1, "p: chance that a neuron reads a given input");
    private static readonly ParameterDefinition Bias = ParameterDefinition.Positive("neuron_threshold", 1.0, "neuron bias is -neuron_threshold");
    private static readonly ParameterDefinition MeanThreshold = ParameterDefinition.Positive("mean_threshold", 0.5, "an output is 1 iff the mean activation of its neurons exceeds this");

    public static ConstructionDefinition Definition { get; } = new()
    {
        Name = "random-and",
        Summary = "Vaintrob–Mendel–Hänni random universal-AND layer, mean-activation readout (peer, section 6)",
        Solves = [ProblemKind.And],
        NeverFalseNegative = false,
        Parameters = [InputLayers.CodeWidthFactor, InputLayers.MinCodeWidth, InputLayers.NeuronFactor, InputLayers.Encoding, Neurons, Probability, Bias, MeanThreshold],
        Check = (problem, parameters) => InputLayers.Check(problem, parameters).Concat(
            parameters.Number(Probability.Name) <= 1 ? [] : [$"connection_probability must be at most 1, got {parameters.Number(Probability.Name)}"]),
        Build = Build,
    };

    public static Network Build(Problem problem, ConstructionParameters parameters, Seed seed)
    {
        var and = (AndProblem)problem;
        var spec = problem.Spec;
        var rng = new Rng(seed);
        var (inputCode, encoding) = InputLayers.Draw(spec, parameters, rng);
        var neurons = parameters.Integer(Neurons.Name);
        var probability = parameters.Number(Probability.Name);

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
            supports.AddRange(readers[and.Pairs.First[e]].Intersect(readers[and.Pairs.Second[e]]));
            offsets[e + 1] = supports.Count;
        }
        var outputCode = new Code(neurons, offsets, [.. supports]);
        var biases = Enumerable.Repeat(-parameters.Number(Bias.Name), neurons).ToImmutableArray();
        return Network.Create(
            Definition.Name, parameters, problem, seed, encoding, inputCode, compute, biases, outputCode,
            DecodeRule.MeanAbove, parameters.Number(MeanThreshold.Name), [new NeuronSegment("layer", 0, neurons)]);
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
