using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Decoding;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Constructions;

/// <summary>
/// A layered AND circuit computed in superposition (docs/mathematics.md §8): stage k is a superposed-and
/// layer (<see cref="SuperposedAndLayer"/>) for the gates of circuit layer k, sized for the sparsity bound
/// s_k, and reads the output code of stage k − 1 as its input code. With re-thresholding every stage but
/// the last is two ReLU units per neuron whose difference is exactly 1[z_u &gt; γ]; the next stage's
/// weights read that difference. The network holds only affine layers (sparse, exact), so the layered
/// evaluator and the dense reference run it, and the file format exports it.
/// </summary>
public static class SuperposedCircuit
{
    public const string Name = "superposed-circuit";

    public static ConstructionDefinition<CircuitProblem, SuperposedCircuitOptions> Definition { get; } = new()
    {
        Name = Name,
        Summary = "a layered AND circuit, one superposed-and stage per layer, each reading the output code of the stage below, re-thresholded in between (docs/mathematics.md §8)",
        Role = ConstructionRole.ComputesProblem,
        Solves = [ProblemKind.Circuit],
        NeverFalseNegative = true,
        NeverFalseNegativeWhen = values => !values.Choices.TryGetValue("rethreshold", out var rethreshold) || rethreshold == "on",
        NeverFalseNegativeCondition = "with rethreshold on (every stage then reads exact boolean codes)",
        Schema =
        [
            .. SuperposedAnd.LayerParameters.Select(p => p.Within<SuperposedCircuitOptions>(o => o.Stage, (o, v) => o with { Stage = v })),
            Parameter.Choice<SuperposedCircuitOptions, bool>(
                "rethreshold",
                "on: every stage but the last binarises its neurons, 1[z > γ] from two ReLUs, before the next stage reads them; off: the next stage reads the raw activations",
                [("on", true), ("off", false)],
                o => o.Rethreshold,
                (o, v) => o with { Rethreshold = v }),
        ],
        CheckOptions = Check,
        BuildNetwork = (problem, options, parameters, seed) => Build(problem, options, parameters, seed),
        Sizes = Sizes,
    };

    /// <summary>
    /// The superposed-and problem of stage k for a circuit spec: the layer below (m inputs, or the gates of
    /// layer k − 1) to the gates of layer k, at the sparsity bound s_k (at most the inputs of the stage).
    /// </summary>
    public static ImmutableArray<ProblemSpec> StageSpecs(ProblemSpec problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var widths = LayeredCircuit.Widths(problem);
        var bounds = LayeredCircuit.Bounds(problem);
        var specs = ImmutableArray.CreateBuilder<ProblemSpec>(widths.Length);
        for (var k = 0; k < widths.Length; k++)
        {
            var below = k == 0 ? problem.InputCount : widths[k - 1];
            specs.Add(new ProblemSpec(ProblemKind.And, "random", below, widths[k], Math.Min(bounds[k], below)));
        }
        return specs.MoveToImmutable();
    }

    /// <summary>The options of stage k: above the first stage the inputs are the previous stage's output code, superposed.</summary>
    public static SuperposedAndOptions StageOptions(SuperposedCircuitOptions options, int stage)
    {
        ArgumentNullException.ThrowIfNull(options);
        return stage == 0 ? options.Stage : options.Stage with { InputLayer = options.Stage.InputLayer with { Encoding = InputEncodingChoice.Superposed } };
    }

    /// <summary>Every stage's superposed-and checks; a problem several stages share is reported once, naming the first stage.</summary>
    private static List<ParameterError> Check(ProblemSpec problem, SuperposedCircuitOptions options)
    {
        var specs = StageSpecs(problem);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<ParameterError>();
        for (var k = 0; k < specs.Length; k++)
        {
            foreach (var error in SuperposedAnd.CheckLayer(specs[k], StageOptions(options, k)))
            {
                if (seen.Add(error.Parameter + "\u0001" + error.Message))
                {
                    errors.Add(error with { Message = $"stage {k} (layer {k} of the circuit, {specs[k].InputCount} inputs to {specs[k].OutputCount} gates at s_{k} = {specs[k].Sparsity}): {error.Message}" });
                }
            }
        }
        var total = Sizes(problem, options);
        if (errors.Count == 0 && SizeLimits.Exceeds(total.Nonzeros, "nonzeros of the stacked stages' weights, summed", "code_width_factor") is { } sizeError)
        {
            errors.Add(sizeError);
        }
        return errors;
    }

    /// <summary>
    /// Sizes summed over the stages: stage k's output code and neurons (twice the neurons when it is
    /// re-thresholded), and nonzeros Σ_k 2 · m'_k · b_out · b_in, doubled for paired rows and for paired reads.
    /// </summary>
    public static ConstructionSizes Sizes(ProblemSpec problem, SuperposedCircuitOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var specs = StageSpecs(problem);
        var (inputEntries, inputNeurons) = (0.0, 0.0);
        var (outputEntries, outputNeurons, nonzeros) = (0.0, 0.0, 0.0);
        for (var k = 0; k < specs.Length; k++)
        {
            var sizes = SuperposedAnd.Sizes(specs[k], StageOptions(options, k));
            if (k == 0)
            {
                (inputEntries, inputNeurons) = (sizes.InputEntries, sizes.InputNeurons);
            }
            var paired = options.Rethreshold && k < specs.Length - 1;
            var readsPairs = options.Rethreshold && k > 0;
            var readWidth = k == 0 ? Math.Max(1, sizes.InputEntries / Math.Max(1, specs[k].InputCount)) : options.Stage.InputLayer.CodeWidth.WidthEstimate(specs[k - 1].OutputCount);
            outputEntries += sizes.OutputEntries;
            outputNeurons += paired ? 2 * sizes.OutputNeurons : sizes.OutputNeurons;
            nonzeros += sizes.Nonzeros * readWidth * (paired ? 2 : 1) * (readsPairs ? 2 : 1);
        }
        return new ConstructionSizes(inputEntries, inputNeurons, outputEntries, outputNeurons, nonzeros);
    }

    /// <summary>The stages drawn for <paramref name="problem"/>, each from its own derived seed.</summary>
    public static ImmutableArray<SuperposedAndLayer> Stages(CircuitProblem problem, SuperposedCircuitOptions options, Seed seed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var circuit = problem.Circuit;
        var bounds = StageBounds(problem);
        var stages = ImmutableArray.CreateBuilder<SuperposedAndLayer>(circuit.Depth);
        for (var k = 0; k < circuit.Depth; k++)
        {
            var below = k == 0 ? circuit.InputCount : circuit.Width(k - 1);
            var spec = new ProblemSpec(ProblemKind.And, "random", below, circuit.Width(k), Math.Min(bounds[k], below));
            // Above the first stage the inputs are the previous stage's output code: superposed, whatever the first stage chose.
            stages.Add(SuperposedAndLayer.Draw(new AndProblem(spec, circuit.Layers[k]), StageOptions(options, k), seed.Derive("stage", k)));
        }
        return stages.MoveToImmutable();
    }

    /// <summary>
    /// The sparsity each stage is sized for: the bound a spec's checks and sizes use
    /// (<see cref="LayeredCircuit.Bounds(ProblemSpec)"/>), so a stage is never drawn at a sparsity the
    /// checks did not see. For balanced trees that is the instance's own bound (fan-out 1); for random
    /// layers it is min(C(s_k, 2), gates), even where the instance's fan-outs would allow less.
    /// </summary>
    public static ImmutableArray<int> StageBounds(CircuitProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Spec.Graph == "and-trees"
            ? problem.Bounds
            : LayeredCircuit.Bounds(problem.Sparsity, [.. Enumerable.Range(0, problem.Circuit.Depth).Select(problem.Circuit.Width)], int.MaxValue);
    }

    /// <summary>Builds the network: the first stage's input code, one affine layer per stage, the last stage's output code read out.</summary>
    public static Network Build(CircuitProblem problem, SuperposedCircuitOptions options, Seed seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parameters = new ConstructionParameters(
            ImmutableSortedDictionary<string, double>.Empty,
            ImmutableSortedDictionary<string, string>.Empty.Add("rethreshold", options.Rethreshold ? "on" : "off"));
        return Build(problem, options, parameters, seed);
    }

    /// <summary><see cref="Build(CircuitProblem, SuperposedCircuitOptions, Seed)"/> recording <paramref name="parameters"/> as the network's canonical values.</summary>
    public static Network Build(CircuitProblem problem, SuperposedCircuitOptions options, ConstructionParameters parameters, Seed seed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var stages = Stages(problem, options, seed);
        var gamma = options.Stage.DecodeThreshold;
        var layers = ImmutableArray.CreateBuilder<Layer>(stages.Length);
        var previousPaired = false;
        for (var k = 0; k < stages.Length; k++)
        {
            var stage = stages[k];
            var readCode = k == 0 ? stage.InputCode : stages[k - 1].OutputCode;
            var inputWidth = k == 0 ? Math.Max(1, stage.InputCode.UniformWidth) : stages[k - 1].OutputWidth;
            var (offsets, columns, weights) = IntegerWeights(stage.Compute, readCode);
            var rethreshold = options.Rethreshold && k < stages.Length - 1;
            layers.Add(rethreshold
                ? StepLayer(offsets, columns, weights, readCode.NeuronCount, previousPaired, stage.Biases, inputWidth, gamma)
                : ReluLayer(offsets, columns, weights, readCode.NeuronCount, previousPaired, stage.Biases, inputWidth));
            previousPaired = rethreshold;
        }
        var last = stages[^1];
        var decoder = options.Stage.Decoder == SuperposedAndDecoder.KOfW
            ? (Decoder)new Decoder.KOfW(options.Stage.DecoderK(last.OutputWidth), gamma)
            : new Decoder.AllAbove(gamma);
        InputStage input = stages[0].InputEncoding == InputEncoding.Explicit ? new InputStage.OneHot(stages[0].InputCode) : new InputStage.CodeOr(stages[0].InputCode);
        return Network.Create(Name, parameters, problem, seed, input, layers.ToImmutable(), new Readout.Code(last.OutputCode, decoder), last.Layout);
    }

    /// <summary>
    /// A[u, v] = Σ_i M[u, i] · [v ∈ C_i] in compressed rows: the integer weights with which neuron u of a
    /// stage counts Σ_i M[u, i] · |C_i ∩ a| from the binary vector a of the code it reads.
    /// </summary>
    public static (int[] Offsets, int[] Columns, int[] Weights) IntegerWeights(ComputeMatrix compute, Code readCode)
    {
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(readCode);
        var entries = new List<(long Key, int Weight)>();
        for (var feature = 0; feature < compute.ColumnCount; feature++)
        {
            var rows = compute.Rows(feature);
            var values = compute.Weights(feature);
            foreach (var neuron in readCode.Support(feature))
            {
                for (var k = 0; k < rows.Length; k++)
                {
                    entries.Add((((long)rows[k] * readCode.NeuronCount) + neuron, values[k]));
                }
            }
        }
        entries.Sort((a, b) => a.Key.CompareTo(b.Key));
        var offsets = new int[compute.RowCount + 1];
        var columns = new List<int>(entries.Count);
        var weights = new List<int>(entries.Count);
        for (var k = 0; k < entries.Count; k++)
        {
            if (k > 0 && entries[k].Key == entries[k - 1].Key)
            {
                weights[^1] += entries[k].Weight;
                continue;
            }
            var row = (int)(entries[k].Key / readCode.NeuronCount);
            offsets[row + 1]++;
            columns.Add((int)(entries[k].Key % readCode.NeuronCount));
            weights.Add(entries[k].Weight);
        }
        for (var row = 0; row < compute.RowCount; row++)
        {
            offsets[row + 1] += offsets[row];
        }
        return (offsets, [.. columns], [.. weights]);
    }

    /// <summary>
    /// The smallest integer accumulator T with ReLU(T / b_in + bias) &gt; γ, found with the very activation
    /// function the evaluators use, so 1[z &gt; γ] = 1[acc ≥ T] holds exactly.
    /// </summary>
    public static long FiringCount(double bias, int inputWidth, double gamma)
    {
        var t = (long)Math.Floor((gamma - bias) * inputWidth);
        while (Network.Activation(t, inputWidth, bias) > gamma)
        {
            t--;
        }
        while (!(Network.Activation(t, inputWidth, bias) > gamma))
        {
            t++;
        }
        return t;
    }

    /// <summary>
    /// Two units per neuron u, 2u = ReLU(acc_u − (T_u − 1)) and 2u + 1 = ReLU(acc_u − T_u), with integer
    /// weights and biases: on an integer acc their difference is exactly 1[acc_u ≥ T_u] = 1[z_u &gt; γ].
    /// </summary>
    private static Layer.Affine StepLayer(int[] offsets, int[] columns, int[] weights, int readNeurons, bool readsPairs, ImmutableArray<double> biases, int inputWidth, double gamma)
    {
        var rows = offsets.Length - 1;
        var (rowOffsets, readColumns, values) = Read(offsets, columns, weights, 1.0, readsPairs);
        var pairedOffsets = new int[(2 * rows) + 1];
        var pairedColumns = new int[2 * readColumns.Length];
        var pairedValues = new double[2 * values.Length];
        var bias = new double[2 * rows];
        var at = 0;
        for (var u = 0; u < rows; u++)
        {
            var threshold = FiringCount(biases[u], inputWidth, gamma);
            for (var copy = 0; copy < 2; copy++)
            {
                for (var k = rowOffsets[u]; k < rowOffsets[u + 1]; k++)
                {
                    pairedColumns[at] = readColumns[k];
                    pairedValues[at++] = values[k];
                }
                pairedOffsets[(2 * u) + copy + 1] = at;
                bias[(2 * u) + copy] = -(threshold - 1 + copy);
            }
        }
        return new Layer.Affine(new WeightMatrix.Sparse(2 * rows, readsPairs ? 2 * readNeurons : readNeurons, pairedOffsets, pairedColumns, pairedValues), [.. bias], Activation.Relu);
    }

    /// <summary>One unit per neuron, ReLU(Σ A[u, v] · a_v / b_in + bias_u): the superposed-and activation.</summary>
    private static Layer.Affine ReluLayer(int[] offsets, int[] columns, int[] weights, int readNeurons, bool readsPairs, ImmutableArray<double> biases, int inputWidth)
    {
        var (rowOffsets, readColumns, values) = Read(offsets, columns, weights, 1.0 / inputWidth, readsPairs);
        return new Layer.Affine(new WeightMatrix.Sparse(offsets.Length - 1, readsPairs ? 2 * readNeurons : readNeurons, rowOffsets, readColumns, values), biases, Activation.Relu);
    }

    /// <summary>Weights times <paramref name="scale"/>; reading a paired layer, column v becomes +w on 2v and −w on 2v + 1.</summary>
    private static (int[] Offsets, int[] Columns, double[] Values) Read(int[] offsets, int[] columns, int[] weights, double scale, bool readsPairs)
    {
        if (!readsPairs)
        {
            return (offsets, columns, [.. weights.Select(w => w * scale)]);
        }
        var pairedColumns = new int[2 * columns.Length];
        var values = new double[2 * columns.Length];
        for (var k = 0; k < columns.Length; k++)
        {
            pairedColumns[2 * k] = 2 * columns[k];
            pairedColumns[(2 * k) + 1] = (2 * columns[k]) + 1;
            values[2 * k] = weights[k] * scale;
            values[(2 * k) + 1] = -weights[k] * scale;
        }
        return ([.. offsets.Select(o => 2 * o)], pairedColumns, values);
    }
}
