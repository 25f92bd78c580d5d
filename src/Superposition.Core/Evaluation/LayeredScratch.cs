using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// Working memory of <see cref="LayeredEvaluator"/> for one network: one activation vector per stage and
/// layer, the indices of each vector's nonzero entries (the sums skip zero terms), and per-feature counts
/// for a factored layer. Not thread-safe: one per worker.
/// </summary>
internal sealed class LayeredScratch
{
    public LayeredScratch(Network network)
    {
        var widths = new[] { network.Input.Width }.Concat(network.Layers.Select(layer => layer.Width)).ToArray();
        Vectors = [.. widths.Select(width => new double[width])];
        Nonzeros = [.. widths.Select(width => new int[width])];
        FeatureCounts = new long[network.Input.CodeOrNull?.FeatureCount ?? 0];
        Accumulators = new long[network.Layers.OfType<Layer.Factored>().Select(layer => layer.Width).DefaultIfEmpty(0).Max()];
        Marked = new bool[network.Input.FeatureCount];
        Ordered = new int[network.Input.FeatureCount];
        Decoded = new int[network.Readout.OutputCount];
        var widest = network.Readout is Readout.Code code ? Enumerable.Range(0, code.OutputCode.FeatureCount).Select(code.OutputCode.Width).DefaultIfEmpty(0).Max() : 0;
        Support = new double[widest];
    }

    /// <summary>Vectors[0] is the stage's output; Vectors[k + 1] is layer k's.</summary>
    public double[][] Vectors { get; }

    /// <summary>Ascending indices of the nonzero entries of each vector.</summary>
    public int[][] Nonzeros { get; }

    public long[] FeatureCounts { get; }

    /// <summary>A factored layer's integer accumulators.</summary>
    public long[] Accumulators { get; }

    /// <summary>Which features are active (an embedding reads them in ascending order).</summary>
    public bool[] Marked { get; }

    /// <summary>An embedding's active features, ascending.</summary>
    public int[] Ordered { get; }

    public int[] Decoded { get; }

    public double[] Support { get; }
}
