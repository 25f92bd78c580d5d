using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Decoding;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Networks;

/// <summary>
/// An immutable feed-forward network (docs/mathematics.md §4.4 and §4.7): an input stage that turns the
/// active features into the first activation vector, layers applied in sequence, and a read-out. The
/// constructions build the factored one-layer shape (one-hot or code-OR input, one
/// <see cref="Layer.Factored"/> layer, a code read-out; or the targets with no layer), where
/// W = M · Dec is never materialised; networks read from files and stacked stages use the same type with
/// <see cref="Layer.Affine"/> layers or a threshold read-out. Exact resource counts are in
/// <see cref="Resources"/>. Made only by <see cref="Create(string, ConstructionParameters, Problem, Seed, NetworkParts)"/>
/// or <see cref="Create(string, ConstructionParameters, Problem, Seed, InputStage, ImmutableArray{Layer}, Readout, ImmutableArray{NeuronSegment})"/>,
/// which check the parts fit together, so no network skips those checks.
/// </summary>
public sealed class Network
{
    private readonly InputEncoding _encoding;
    private readonly Code? _inputCode;
    private readonly ComputeMatrix? _compute;
    private readonly ImmutableArray<double> _biases;
    private readonly Code? _outputCode;
    private readonly Decoder? _decoder;

    private Network(string construction, ConstructionParameters parameters, Problem problem, Seed seed, InputStage input, ImmutableArray<Layer> layers, Readout readout, ImmutableArray<NeuronSegment> layout)
    {
        Construction = construction;
        Parameters = parameters;
        Problem = problem;
        Seed = seed;
        Input = input;
        Layers = layers;
        Readout = readout;
        Layout = layout;
        IsFactored = FactoredShape(input, layers, readout);
        if (IsFactored)
        {
            // Held in fields, so the factored evaluator reads them as cheaply as before the layered form.
            _encoding = input switch
            {
                InputStage.OneHot => InputEncoding.Explicit,
                InputStage.CodeOr => InputEncoding.Superposed,
                _ => InputEncoding.Targets,
            };
            _inputCode = input.CodeOrNull;
            _compute = layers.IsEmpty ? null : ((Layer.Factored)layers[0]).Compute;
            _biases = layers.IsEmpty ? [] : ((Layer.Factored)layers[0]).Biases;
            _outputCode = ((Readout.Code)readout).OutputCode;
            _decoder = ((Readout.Code)readout).Decoder;
        }
        // W's bitmaps serve the bitmap forward pass and give the weight count as well. Made for superposed
        // inputs only, where a sample sets s · b_in input neurons and reads thousands of M's columns through
        // them; an explicit sample sets s neurons and reads s columns, which the scatter does faster.
        WeightBitmap = IsFactored && _encoding == InputEncoding.Superposed && _compute is { } compute && WeightBitmap.Supported(_inputCode!.NeuronCount, compute.RowCount)
            ? WeightBitmap.Build(_inputCode, compute)
            : null;
        Resources = IsFactored
            ? ResourceCounting.Count(InputEncoding, InputCode, Compute, Biases.AsSpan(), OutputCode, WeightBitmap)
            : ResourceCounting.Count(input, layers, readout);
    }

    public string Construction { get; }

    /// <summary>The construction's canonical parameter values (docs/spec-format.md, "Case ids and seeds"), for provenance.</summary>
    public ConstructionParameters Parameters { get; }

    public Problem Problem { get; }

    public Seed Seed { get; }

    /// <summary>How the active features become the first activation vector.</summary>
    public InputStage Input { get; }

    /// <summary>The layers, applied in order; empty for the representation baseline.</summary>
    public ImmutableArray<Layer> Layers { get; }

    /// <summary>How outputs are read from the last activation vector.</summary>
    public Readout Readout { get; }

    /// <summary>
    /// True for the shape the factored evaluator runs: a one-hot or code-OR stage, one factored layer and a
    /// code read-out, or a targets stage with no layer and a code read-out. The factored accessors below
    /// (<see cref="InputEncoding"/>, <see cref="InputCode"/>, <see cref="Compute"/>, <see cref="Biases"/>,
    /// <see cref="OutputCode"/>, <see cref="Decoder"/>) describe that shape and throw for any other.
    /// </summary>
    public bool IsFactored { get; }

    /// <summary>The factored shape's input encoding.</summary>
    public InputEncoding InputEncoding => IsFactored ? _encoding : throw NotFactored();

    /// <summary>Dec: input features over input neurons. For <see cref="InputEncoding.Targets"/>, the output code.</summary>
    public Code InputCode => IsFactored ? _inputCode! : throw NotFactored();

    /// <summary>M: output neurons × input features; null when the network computes nothing.</summary>
    public ComputeMatrix? Compute => IsFactored ? _compute : throw NotFactored();

    /// <summary>One bias per output-layer neuron, every one negative so untouched neurons stay at zero.</summary>
    public ImmutableArray<double> Biases => IsFactored ? _biases : throw NotFactored();

    public Code OutputCode => IsFactored ? _outputCode! : throw NotFactored();

    /// <summary>How each output is read from its code's neurons.</summary>
    public Decoder Decoder => IsFactored ? _decoder! : throw NotFactored();

    /// <summary>
    /// W's columns as bitmaps, for the bitmap forward pass and the weight count: made with a network of
    /// superposed inputs where they fit (<see cref="WeightBitmap.Supported"/>: one bit per input and output
    /// neuron); null otherwise and without a compute layer.
    /// </summary>
    internal WeightBitmap? WeightBitmap { get; }

    /// <summary>Named ranges of output-layer neurons (channel R, blocks), disjoint and in order.</summary>
    public ImmutableArray<NeuronSegment> Layout { get; }

    /// <summary>Exact resource counts and description-length bounds, computed once at creation.</summary>
    public ResourceCounts Resources { get; }

    /// <summary>How a trained network's weights were found (loss, steps, time, seed); null for a constructed network.</summary>
    public TrainingRecord? Training { get; private init; }

    /// <summary>This network with <paramref name="training"/> recorded as how its weights were found.</summary>
    public Network WithTraining(TrainingRecord training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return new Network(Construction, Parameters, Problem, Seed, Input, Layers, Readout, Layout) { Training = training };
    }

    /// <summary>b_in, the width of every input code (x̃_i = |C_i ∩ a| / b_in); checked uniform at creation.</summary>
    public int InputWidth => InputCode.Width(0);

    /// <summary>Neurons of the layer that is read out.</summary>
    public int OutputNeuronCount => Readout.InputWidth;

    private static InvalidOperationException NotFactored() =>
        new("this network is not of the factored shape: read Input, Layers and Readout");

    private static bool FactoredShape(InputStage input, ImmutableArray<Layer> layers, Readout readout) =>
        readout is Readout.Code && (input, layers.Length) switch
        {
            (InputStage.OneHot or InputStage.CodeOr, 1) => layers[0] is Layer.Factored,
            (InputStage.Targets, 0) => true,
            _ => false,
        };

    /// <summary>
    /// Checks that a construction's <paramref name="parts"/> fit together and assembles the factored
    /// network with its resources counted.
    /// </summary>
    public static Network Create(string construction, ConstructionParameters parameters, Problem problem, Seed seed, NetworkParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(problem);
        if (parts.Compute is null != (parts.InputEncoding == InputEncoding.Targets))
        {
            throw new ArgumentException("a network has a compute layer exactly when its inputs are not the targets", nameof(parts));
        }
        if (parts.Compute is { } compute && (compute.RowCount != parts.OutputCode.NeuronCount || parts.Biases.Length != compute.RowCount || compute.ColumnCount != parts.InputCode.FeatureCount))
        {
            throw new ArgumentException("compute matrix, biases and codes disagree in shape", nameof(parts));
        }
        InputStage input = parts.InputEncoding switch
        {
            InputEncoding.Explicit => new InputStage.OneHot(parts.InputCode),
            InputEncoding.Superposed => new InputStage.CodeOr(parts.InputCode),
            _ => new InputStage.Targets(parts.InputCode),
        };
        ImmutableArray<Layer> layers = parts.Compute is { } m ? [new Layer.Factored(m, parts.Biases, parts.InputCode.NeuronCount)] : [];
        return Create(construction, parameters, problem, seed, input, layers, new Readout.Code(parts.OutputCode, parts.Decoder), parts.Layout);
    }

    /// <summary>
    /// Checks that the stage, layers and read-out chain (each layer reads the width the one before it
    /// produces; a factored layer only directly after a one-hot or code-OR stage, with negative biases
    /// and a uniform code) and match the problem, and assembles the network with its resources counted.
    /// </summary>
    public static Network Create(string construction, ConstructionParameters parameters, Problem problem, Seed seed, InputStage input, ImmutableArray<Layer> layers, Readout readout, ImmutableArray<NeuronSegment> layout)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(readout);
        var features = input is InputStage.Targets ? problem.OutputCount : problem.InputCount;
        if (input.FeatureCount != features)
        {
            throw new ArgumentException($"the input stage reads {input.FeatureCount} features where the problem has {features}", nameof(input));
        }
        var width = input.Width;
        for (var k = 0; k < layers.Length; k++)
        {
            if (layers[k].InputWidth != width)
            {
                throw new ArgumentException($"layer {k} reads {layers[k].InputWidth} values where the layer before it gives {width}", nameof(layers));
            }
            if (layers[k] is Layer.Factored factored)
            {
                CheckFactored(k, factored, input);
            }
            width = layers[k].Width;
        }
        if (readout.InputWidth != width)
        {
            throw new ArgumentException($"the read-out reads {readout.InputWidth} units where the last layer gives {width}", nameof(readout));
        }
        if (readout.OutputCount != problem.OutputCount)
        {
            throw new ArgumentException($"the read-out has {readout.OutputCount} outputs for {problem.OutputCount} in the problem", nameof(readout));
        }
        return new Network(construction, parameters, problem, seed, input, layers, readout, layout);
    }

    private static void CheckFactored(int index, Layer.Factored layer, InputStage input)
    {
        if (index != 0 || input is not (InputStage.OneHot or InputStage.CodeOr))
        {
            throw new ArgumentException("a factored layer reads an input code: it can only be the first layer after a one-hot or code-OR stage");
        }
        if (layer.Biases.Any(b => !(b < 0)))
        {
            throw new ArgumentException("every bias must be negative: factored evaluation skips untouched neurons");
        }
        var code = input.CodeOrNull!;
        if (code.UniformWidth < 1)
        {
            throw new ArgumentException("every input feature needs a code of the same, positive width b_in: activations divide by it");
        }
        if (layer.Biases.Length != layer.Compute.RowCount || layer.Compute.ColumnCount != code.FeatureCount)
        {
            throw new ArgumentException("compute matrix, biases and codes disagree in shape");
        }
    }

    /// <summary>
    /// The activation of an output-layer neuron from its integer accumulator Σ_i M[u,i]·|C_i ∩ a|:
    /// ReLU(acc / b_in + bias). Both evaluators call this one function, so they agree bit for bit.
    /// </summary>
    public static double Activation(long accumulator, int inputWidth, double bias) =>
        Math.Max(0.0, ((double)accumulator / inputWidth) + bias);
}
