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

    /// <summary>
    /// <see cref="Build(CircuitProblem, SuperposedCircuitOptions, Seed)"/> recording <paramref name="parameters"/> as the
    /// network's canonical values. Stages are drawn one at a time (each from its own derived seed, so the
    /// same as <see cref="Stages"/>), and a stage's compute matrix and integer weights are dropped once its
    /// layer is built: only the layers built so far and the output code below stay alive.
    /// </summary>
    public static Network Build(CircuitProblem problem, SuperposedCircuitOptions options, ConstructionParameters parameters, Seed seed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var circuit = problem.Circuit;
        var bounds = StageBounds(problem);
        var gamma = options.Stage.DecodeThreshold;
        var layers = ImmutableArray.CreateBuilder<Layer>(circuit.Depth);
        var previousPaired = false;
        InputStage? input = null;
        Code? below = null;
        var belowWidth = 0;
        SuperposedAndLayer? last = null;
        for (var k = 0; k < circuit.Depth; k++)
        {
            var belowCount = k == 0 ? circuit.InputCount : circuit.Width(k - 1);
            var spec = new ProblemSpec(ProblemKind.And, "random", belowCount, circuit.Width(k), Math.Min(bounds[k], belowCount));
            var stage = SuperposedAndLayer.Draw(new AndProblem(spec, circuit.Layers[k]), StageOptions(options, k), seed.Derive("stage", k));
            if (k == 0)
            {
                input = stage.InputEncoding == InputEncoding.Explicit ? new InputStage.OneHot(stage.InputCode) : new InputStage.CodeOr(stage.InputCode);
            }
            var readCode = k == 0 ? stage.InputCode : below!;
            var inputWidth = k == 0 ? Math.Max(1, stage.InputCode.UniformWidth) : belowWidth;
            var rethreshold = options.Rethreshold && k < circuit.Depth - 1;
            var (offsets, columns, weights) = IntegerWeights(stage.Compute, readCode);
            layers.Add(rethreshold
                ? StepLayer(offsets, columns, weights, readCode.NeuronCount, previousPaired, stage.Biases, inputWidth, gamma)
                : ReluLayer(offsets, columns, weights, readCode.NeuronCount, previousPaired, stage.Biases, inputWidth));
            previousPaired = rethreshold;
            (below, belowWidth) = (stage.OutputCode, stage.OutputWidth);
            if (k == circuit.Depth - 1)
            {
                last = stage;
            }
        }
        var decoder = options.Stage.Decoder == SuperposedAndDecoder.KOfW
            ? (Decoder)new Decoder.KOfW(options.Stage.DecoderK(last!.OutputWidth), gamma)
            : new Decoder.AllAbove(gamma);
        return Network.Create(Name, parameters, problem, seed, input!, layers.ToImmutable(), new Readout.Code(last!.OutputCode, decoder), last.Layout);
    }

    /// <summary>
    /// A[u, v] = Σ_i M[u, i] · [v ∈ C_i] in compressed rows (columns strictly ascending): the integer weights
    /// with which neuron u of a stage counts Σ_i M[u, i] · |C_i ∩ a| from the binary vector a of the code it
    /// reads. Built in place: the products are counted per row, written into one pair of arrays at their
    /// rows, then each row is sorted and its repeated columns summed.
    /// </summary>
    public static (int[] Offsets, int[] Columns, int[] Weights) IntegerWeights(ComputeMatrix compute, Code readCode)
    {
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(readCode);
        var rowCount = compute.RowCount;
        var starts = new long[rowCount + 1];
        for (var feature = 0; feature < compute.ColumnCount; feature++)
        {
            var reads = readCode.Support(feature).Length;
            foreach (var row in compute.Rows(feature))
            {
                starts[row + 1] += reads;
            }
        }
        for (var row = 0; row < rowCount; row++)
        {
            starts[row + 1] += starts[row];
        }
        var total = starts[rowCount];
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"a stage's weights before merging repeated columns number {total}, more than one array holds");
        }
        var columns = new int[total];
        var weights = new int[total];
        var fill = new long[rowCount];
        Array.Copy(starts, fill, rowCount);
        for (var feature = 0; feature < compute.ColumnCount; feature++)
        {
            var rows = compute.Rows(feature);
            var values = compute.Weights(feature);
            var support = readCode.Support(feature);
            for (var k = 0; k < rows.Length; k++)
            {
                var at = fill[rows[k]];
                foreach (var neuron in support)
                {
                    columns[at] = neuron;
                    weights[at++] = values[k];
                }
                fill[rows[k]] = at;
            }
        }
        var offsets = new int[rowCount + 1];
        var write = 0;
        for (var row = 0; row < rowCount; row++)
        {
            var (from, to) = ((int)starts[row], (int)starts[row + 1]);
            Array.Sort(columns, weights, from, to - from);
            for (var k = from; k < to; k++)
            {
                if (k > from && columns[k] == columns[write - 1])
                {
                    weights[write - 1] += weights[k];
                    continue;
                }
                columns[write] = columns[k];
                weights[write++] = weights[k];
            }
            offsets[row + 1] = write;
        }
        if (write == columns.Length)
        {
            return (offsets, columns, weights);
        }
        var trimmedColumns = columns.AsSpan(0, write).ToArray();
        var trimmedWeights = weights.AsSpan(0, write).ToArray();
        return (offsets, trimmedColumns, trimmedWeights);
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
    /// The rows are written straight into the final arrays.
    /// </summary>
    private static Layer.Affine StepLayer(int[] offsets, int[] columns, int[] weights, int readNeurons, bool readsPairs, ImmutableArray<double> biases, int inputWidth, double gamma)
    {
        var rows = offsets.Length - 1;
        var spread = readsPairs ? 2 : 1;
        var pairedOffsets = new int[(2 * rows) + 1];
        var pairedColumns = new int[checked(2 * spread * columns.Length)];
        var pairedValues = new double[pairedColumns.Length];
        var bias = new double[2 * rows];
        var at = 0;
        for (var u = 0; u < rows; u++)
        {
            var threshold = FiringCount(biases[u], inputWidth, gamma);
            for (var copy = 0; copy < 2; copy++)
            {
                at = WriteRow(columns, weights, offsets[u], offsets[u + 1], 1.0, readsPairs, pairedColumns, pairedValues, at);
                pairedOffsets[(2 * u) + copy + 1] = at;
                bias[(2 * u) + copy] = -(threshold - 1 + copy);
            }
        }
        return new Layer.Affine(new WeightMatrix.Sparse(2 * rows, spread * readNeurons, pairedOffsets, pairedColumns, pairedValues), [.. bias], Activation.Relu);
    }

    /// <summary>One unit per neuron, ReLU(Σ A[u, v] · a_v / b_in + bias_u): the superposed-and activation.</summary>
    private static Layer.Affine ReluLayer(int[] offsets, int[] columns, int[] weights, int readNeurons, bool readsPairs, ImmutableArray<double> biases, int inputWidth)
    {
        var rows = offsets.Length - 1;
        var spread = readsPairs ? 2 : 1;
        var rowOffsets = new int[rows + 1];
        var readColumns = readsPairs ? new int[checked(2 * columns.Length)] : columns;
        var values = new double[readColumns.Length];
        var at = 0;
        for (var u = 0; u < rows; u++)
        {
            at = WriteRow(columns, weights, offsets[u], offsets[u + 1], 1.0 / inputWidth, readsPairs, readColumns, values, at);
            rowOffsets[u + 1] = at;
        }
        return new Layer.Affine(new WeightMatrix.Sparse(rows, spread * readNeurons, rowOffsets, readColumns, values), biases, Activation.Relu);
    }

    /// <summary>
    /// Writes entries [from, to) times <paramref name="scale"/> at <paramref name="at"/>; reading a paired
    /// layer, column v becomes +w on 2v and −w on 2v + 1. Returns the position after the row.
    /// </summary>
    private static int WriteRow(int[] columns, int[] weights, int from, int to, double scale, bool readsPairs, int[] outColumns, double[] outValues, int at)
    {
        for (var k = from; k < to; k++)
        {
            if (readsPairs)
            {
                outColumns[at] = 2 * columns[k];
                outValues[at++] = weights[k] * scale;
                outColumns[at] = (2 * columns[k]) + 1;
                outValues[at++] = -weights[k] * scale;
            }
            else
            {
                outColumns[at] = columns[k];
                outValues[at++] = weights[k] * scale;
            }
        }
        return at;
    }
}
