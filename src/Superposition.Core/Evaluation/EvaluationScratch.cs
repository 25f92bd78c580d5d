using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// Caller-owned working memory of the factored evaluator, sized to one network. Counters and
/// accumulators are kept at zero between samples (the evaluator resets exactly what it touched), and
/// small marks use generation stamps, so a sample costs only what it touches. Not thread-safe: one per
/// worker.
/// </summary>
public sealed class EvaluationScratch
{
    public EvaluationScratch(Network network)
        : this(network, layered: !(network ?? throw new ArgumentNullException(nameof(network))).IsFactored)
    {
    }

    /// <summary>Scratch for the layered evaluator even on a factored network, so tests can run both evaluators on one network.</summary>
    internal static EvaluationScratch ForLayered(Network network) => new(network, layered: true);

    private EvaluationScratch(Network network, bool layered)
    {
        _network = network;
        if (layered)
        {
            // The layered evaluator keeps its own buffers; the factored ones stay empty.
            Layered = new LayeredScratch(network);
            InputNeuronStamp = SetNeurons = FeatureCounts = TouchedFeatures = Accumulators = TouchedNeurons = [];
            PositiveStamp = PositiveNeurons = FireFloors = OutputStamp = PositiveCounts = TouchedOutputs = Decoded = [];
            Activations = MinActivation = SupportActivations = [];
            return;
        }
        var inputNeurons = network.InputCode.NeuronCount;
        var features = network.InputCode.FeatureCount;
        var neurons = network.OutputNeuronCount;
        var outputs = network.OutputCode.FeatureCount;
        InputNeuronStamp = new int[inputNeurons];
        SetNeurons = new int[inputNeurons];
        FeatureCounts = new int[features];
        TouchedFeatures = new int[features];
        Accumulators = new int[neurons];
        TouchedNeurons = new int[neurons];
        PositiveStamp = new int[neurons];
        PositiveNeurons = new int[neurons];
        Activations = new double[neurons];
        FireFloors = FireFloorsOf(network);
        OutputStamp = new int[outputs];
        PositiveCounts = new int[outputs];
        MinActivation = new double[outputs];
        TouchedOutputs = new int[outputs];
        Decoded = new int[outputs];
        var widest = 0;
        for (var output = 0; output < outputs; output++)
        {
            widest = Math.Max(widest, network.OutputCode.Width(output));
        }
        SupportActivations = new double[widest];
        for (var feature = 0; feature < features; feature++)
        {
            MaxInputWidth = Math.Max(MaxInputWidth, network.InputCode.Width(feature));
        }
    }

    internal int Generation { get; private set; }

    /// <summary>The layered evaluator's buffers, for a network that is not of the factored shape; null otherwise.</summary>
    internal LayeredScratch? Layered { get; }

    /// <summary>Entries of M scattered since this scratch was made: the work measure of the benchmark (nonzeros touched).</summary>
    public long TouchedEntries { get; internal set; }

    /// <summary>Samples whose firing neurons were found by the dense scan rather than the touched list (tests check both paths run).</summary>
    internal long DenseScans { get; set; }

    /// <summary>Samples whose forward pass was the batched one (64 per pass over M's rows); tests check both passes run.</summary>
    public long BatchedSamples { get; internal set; }

    /// <summary>
    /// Which forward pass the factored evaluator uses: by default chosen by expected work (the batched pass
    /// per 64 samples, the bitmap pass per sample); fixed by tests and by <c>bench --kernel</c> to compare
    /// them. Results are identical either way.
    /// </summary>
    public ForwardKernel Kernel { get; set; }

    /// <summary>Whether the batched pass is exact on this network, once known (<see cref="FactoredEvaluator.BatchedAllowed"/>).</summary>
    internal bool? BatchedAllowed { get; set; }

    /// <summary>The widest input code |C_i|: the largest count a feature can reach.</summary>
    internal int MaxInputWidth { get; }

    /// <summary>The batched pass's buffers, made on its first use.</summary>
    internal LaneScratch? Lanes { get; set; }

    /// <summary>Samples whose forward pass was the bitmap one (W's columns counted in bit planes); tests and bench report it.</summary>
    public long BitmapSamples { get; internal set; }

    private readonly Network _network;
    private byte[]? _bitmapCounts;
    private byte[]? _byteFloors;

    /// <summary>
    /// The bitmap pass's byte counts (overwritten by every sample) and the firing floors as bytes, clamped
    /// to 255 (which no byte count of the pass reaches) and padded with 255 to the bitmaps' whole blocks;
    /// made on first use.
    /// </summary>
    internal (byte[] Counts, byte[] Floors) BitmapBuffers()
    {
        if (_bitmapCounts is null || _byteFloors is null)
        {
            var length = _network.WeightBitmap!.Blocks * WeightBitmap.BlockBits;
            _bitmapCounts = new byte[length];
            _byteFloors = new byte[length];
            Array.Fill(_byteFloors, byte.MaxValue);
            for (var neuron = 0; neuron < FireFloors.Length; neuron++)
            {
                _byteFloors[neuron] = (byte)Math.Min(FireFloors[neuron], byte.MaxValue);
            }
        }
        return (_bitmapCounts, _byteFloors);
    }

    internal int[] InputNeuronStamp { get; }

    internal int[] SetNeurons { get; }

    /// <summary>|C_i ∩ a| per input feature; zero outside a sample.</summary>
    internal int[] FeatureCounts { get; }

    internal int[] TouchedFeatures { get; }

    /// <summary>Σ_i M[u,i]·|C_i ∩ a| per output-layer neuron; zero outside a sample.</summary>
    internal int[] Accumulators { get; }

    internal int[] TouchedNeurons { get; }

    /// <summary>Marks the neurons with positive activation in the current sample.</summary>
    internal int[] PositiveStamp { get; }

    internal int[] PositiveNeurons { get; }

    internal double[] Activations { get; }

    /// <summary>Per neuron, the smallest accumulator whose activation is positive (derived from <see cref="Network.Activation"/> itself).</summary>
    internal int[] FireFloors { get; }

    internal int[] OutputStamp { get; }

    internal int[] PositiveCounts { get; }

    internal double[] MinActivation { get; }

    internal int[] TouchedOutputs { get; }

    internal int[] Decoded { get; }

    /// <summary>Room for one output's support activations (k-of-w selects its k-th largest here).</summary>
    internal double[] SupportActivations { get; }

    /// <summary>Starts a new sample; on wrap-around clears the stamps so no stale mark survives.</summary>
    internal int NextGeneration()
    {
        if (Generation == int.MaxValue)
        {
            Array.Clear(InputNeuronStamp);
            Array.Clear(PositiveStamp);
            Array.Clear(OutputStamp);
            Generation = 0;
        }
        return ++Generation;
    }

    private static int[] FireFloorsOf(Network network)
    {
        var floors = new int[network.OutputNeuronCount];
        if (network.Compute is null)
        {
            return floors;
        }
        var width = network.InputWidth;
        for (var neuron = 0; neuron < floors.Length; neuron++)
        {
            var bias = network.Biases[neuron];
            var estimate = Math.Max(1, Math.Floor(-bias * width) - 1);
            // Accumulators are ints: a floor beyond int.MaxValue is int.MaxValue, which only an accumulator of
            // exactly int.MaxValue reaches, and KeepPositive re-checks that one. (Searching upwards from a
            // saturated long never ended: a bias of -1e20 hung the build of the scratch.)
            var candidate = estimate >= int.MaxValue ? int.MaxValue : (long)estimate;
            while (candidate < int.MaxValue && Network.Activation(candidate, width, bias) <= 0)
            {
                candidate++;
            }
            floors[neuron] = (int)candidate;
        }
        return floors;
    }
}
