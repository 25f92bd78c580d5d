using System.Globalization;
using Superposition.Bounds;
using Superposition.Problems;
using Superposition.Rows;

namespace Superposition.Reports.Tests.Support;

/// <summary>
/// Rows with sizes given by known formulas, so fitted slopes, crossovers and chosen codes have exact
/// expected values: superposed-and has 3 · √m' · log₂ m' neurons and 2 · m' · log₂² m' parameters,
/// dedicated 2 · m' neurons, representation ⌈neuron_factor · 3 · log₂ m'⌉ neurons.
/// </summary>
public static class SyntheticRows
{
    public static readonly int[] OutputCounts = [1_000, 10_000, 100_000, 1_000_000];

    public static double SuperposedNeurons(double outputs, double neuronFactor = 2.5) => neuronFactor / 2.5 * 3 * Math.Sqrt(outputs) * Math.Log2(outputs);

    public static double SuperposedParameters(double outputs) => 2 * outputs * Math.Log2(outputs) * Math.Log2(outputs);

    public static double DedicatedNeurons(double outputs) => 2 * outputs;

    public static double RepresentationNeurons(double outputs, double neuronFactor) => Math.Ceiling(neuronFactor * 3 * Math.Log2(outputs));

    /// <summary>One ok row; sizes and errors as given, everything else consistent with them.</summary>
    public static CaseRow Row(string construction, int outputs, double neurons, double parameters, double neuronFactor, long wrong = 0, string distribution = "uniform", int replicate = 0, long samples = 1000)
    {
        var bounds = BoundCalculator.For(new ProblemSpec(ProblemKind.And, "random", outputs, outputs, 3));
        return new CaseRow
        {
            Sweep = "synthetic",
            CaseId = $"{construction}-{outputs}-{neuronFactor}-{distribution}",
            Replicate = replicate,
            Status = "ok",
            Problem = "and",
            Graph = "random",
            InputCount = outputs,
            OutputCount = outputs,
            Sparsity = 3,
            InputDistribution = distribution,
            Construction = construction,
            ConstructionParams = string.Create(CultureInfo.InvariantCulture, $$"""{"decode_threshold":0.25,"neuron_factor":{{neuronFactor}}}"""),
            NeuronCount = (long)Math.Round(neurons),
            ParameterCount = (long)Math.Round(parameters),
            InstanceBits = bounds.InstanceBits,
            RefNeuronsLower = bounds.NeuronsLower,
            RefParametersLower = bounds.ParametersLower,
            RefNeuronsUpper = bounds.NeuronsUpper,
            RefParametersUpper = bounds.ParametersUpper,
            Samples = samples,
            SamplesCorrect = samples - wrong,
            SampleErrorRate = (double)wrong / samples,
        };
    }

    /// <summary>superposed-and at c_n = 2.5 over <paramref name="outputCounts"/>, two replicates and two distributions each.</summary>
    public static IEnumerable<CaseRow> Superposed(IEnumerable<int> outputCounts) =>
        from outputs in outputCounts
        from distribution in new[] { "uniform", "with-true-pair" }
        from replicate in new[] { 0, 1 }
        select Row("superposed-and", outputs, SuperposedNeurons(outputs), SuperposedParameters(outputs), 2.5, distribution: distribution, replicate: replicate);

    public static IEnumerable<CaseRow> Dedicated(IEnumerable<int> outputCounts) =>
        from outputs in outputCounts
        select Row("dedicated", outputs, DedicatedNeurons(outputs), 3 * outputs, 2.5);

    /// <summary>representation at several neuron factors; factors below 2 have wrong samples.</summary>
    public static IEnumerable<CaseRow> Representation(IEnumerable<int> outputCounts, IEnumerable<double> neuronFactors) =>
        from outputs in outputCounts
        from factor in neuronFactors
        select Row("representation", outputs, RepresentationNeurons(outputs, factor), 4 * RepresentationNeurons(outputs, factor), factor, wrong: factor < 2 ? 10 : 0);

    /// <summary>superposed-and at m' = 10⁴ over c_n, with errors falling to zero at c_n ≥ 1.5.</summary>
    public static IEnumerable<CaseRow> Transition(IEnumerable<double> neuronFactors) =>
        from factor in neuronFactors
        from distribution in new[] { "uniform", "with-true-pair" }
        select Row("superposed-and", 10_000, SuperposedNeurons(10_000, factor), SuperposedParameters(10_000), factor,
            wrong: factor >= 1.5 ? 0 : (long)Math.Round(1000 * (1.5 - factor)), distribution: distribution);

    /// <summary>Every figure's data: scaling, a c_n sweep, dedicated and a representation sweep.</summary>
    public static List<CaseRow> Everything() =>
    [
        .. Superposed(OutputCounts),
        .. Transition([0.75, 1.0, 1.25, 1.5, 2.0, 3.0]),
        .. Dedicated(OutputCounts),
        .. Representation(OutputCounts, [1.0, 1.5, 2.0, 3.0]),
        .. Circuits([2, 3, 4]),
        .. Trained([50, 100, 200]),
    ];

    /// <summary>trained at m = m' = 1,000 (the problem of a dedicated row) and several hidden widths, wrong less often as it widens.</summary>
    public static IEnumerable<CaseRow> Trained(IEnumerable<int> hiddenWidths) =>
        from hidden in hiddenWidths
        select Row("trained", 1000, 2000 + hidden, 2000 * hidden, 2.5, wrong: 20_000 / hidden) with { CaseId = $"trained-{hidden}", HiddenNeurons = hidden, OutputNeurons = 1000 };

    /// <summary>superposed-circuit at m' = 1000 and each depth, re-thresholded (no errors) and raw (errors at depth 2).</summary>
    public static IEnumerable<CaseRow> Circuits(IEnumerable<int> depths) => depths.SelectMany(depth => new[] { "on", "off" }.Select(rethreshold => new CaseRow
    {
        Sweep = "synthetic",
        CaseId = $"circuit-{depth}-{rethreshold}",
        Status = "ok",
        Problem = "circuit",
        Graph = "random-layered",
        InputCount = 60,
        OutputCount = 1000,
        Sparsity = 3,
        Depth = depth,
        InputDistribution = "with-true-gate",
        Construction = "superposed-circuit",
        ConstructionParams = $"{{\"rethreshold\":\"{rethreshold}\"}}",
        InputNeurons = 60,
        NeuronCount = 60 + (depth * 2000),
        ParameterCount = depth * 100_000,
        Samples = 1000,
        SamplesCorrect = rethreshold == "off" && depth == 2 ? 0 : 1000,
    }));
}
