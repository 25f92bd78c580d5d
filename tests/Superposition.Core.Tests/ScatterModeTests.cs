using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The factored evaluator has two forward passes, chosen per 64 samples for speed: the per-sample scatter,
/// which finds firing neurons by a dense vector scan when read noise reaches much of the layer
/// (superposed inputs) or by a list of touched neurons otherwise, and the batched pass over M's rows.
/// All must give the dense reference's activations bit for bit, and each must actually run here.
/// </summary>
public class ScatterModeTests
{
    [Theory]
    [InlineData(2_000, 2_000, "superposed", true)]
    [InlineData(200, 2_000, "explicit", false)]
    public void Both_scans_equal_the_dense_reference(int inputs, int outputs, string encoding, bool expectDense)
    {
        var network = Network(inputs, outputs, encoding);
        var batch = InputSamplers.Batch(network.Problem, InputDistributions.WithTruePair, 0, 12, new Seed(13));
        var reference = new DenseEvaluator(network);
        var scratch = new EvaluationScratch(network) { Kernel = ForwardKernel.Scatter };

        for (var k = 0; k < batch.Count; k++)
        {
            var active = batch.Active(k).ToArray();
            Assert.Equal(reference.Activations(active), FactoredEvaluator.Activations(network, active, scratch));
        }

        Assert.Equal(expectDense ? batch.Count : 0, scratch.DenseScans);
    }

    /// <summary>
    /// The batched pass sums mask bits in bytes and widens them to 16 bits every 255 entries of a row;
    /// widened every 3 entries here, so every row widens many times, on inputs that make sums of counts
    /// reach far beyond a byte (every feature at once for k = 1). The network is too large for the dense
    /// reference; the scatter, equal to it on every smaller network, stands in.
    /// </summary>
    [Fact]
    public void Batched_pass_widening_often_equals_the_scatter()
    {
        var network = Network(20_000, 20_000, "superposed");
        var scratch = new EvaluationScratch(network) { Kernel = ForwardKernel.Batched };
        scratch.Lanes = new LaneScratch(network.Compute!.ColumnCount, network.Compute.RowCount) { GroupEntries = 3 };
        var scatter = new EvaluationScratch(network) { Kernel = ForwardKernel.Scatter };
        var batch = InputSamplers.Batch(network.Problem, InputDistributions.WithTruePair, 0, 20, new Seed(17));
        for (var k = 0; k < batch.Count; k++)
        {
            int[] active = k % 2 == 0 ? batch.Active(k).ToArray() : [.. Enumerable.Range(0, 20_000).Where(i => i % (k * k) == 0)];
            Assert.Equal(FactoredEvaluator.Activations(network, active, scatter), FactoredEvaluator.Activations(network, active, scratch));
        }
    }

    /// <summary>
    /// The automatic choice: the bitmap pass for superposed inputs (it reads |a| + 1 columns of W's
    /// bitmaps where the scatter reads thousands of columns of M), the scatter for explicit ones; never
    /// the batched pass where the bitmap pass takes the samples.
    /// </summary>
    [Theory]
    [InlineData(2_000, 2_000, "superposed", true)]
    [InlineData(200, 2_000, "explicit", false)]
    public void Auto_takes_the_bitmap_pass_where_it_saves_work(int inputs, int outputs, string encoding, bool expectBitmap)
    {
        Assert.True(WeightBitmap.Hardware, "the bitmap pass needs AVX-512 with VBMI and GFNI; this machine lacks them");
        var network = Network(inputs, outputs, encoding);
        var batch = InputSamplers.Batch(network.Problem, InputDistributions.WithTruePair, 0, 128, new Seed(19));
        var auto = new EvaluationScratch(network);
        var scatter = new EvaluationScratch(network) { Kernel = ForwardKernel.Scatter };

        var chosen = NetworkEvaluator.Evaluate(network, batch, auto);
        var scattered = NetworkEvaluator.Evaluate(network, batch, scatter);

        Assert.Equal(expectBitmap ? batch.Count : 0, auto.BitmapSamples);
        Assert.Equal(0, auto.BatchedSamples);
        Assert.Equal(scattered.DecodedOffsets, chosen.DecodedOffsets);
        Assert.Equal(scattered.Decoded, chosen.Decoded);
        Assert.Equal(scattered.MinTrueMargin, chosen.MinTrueMargin);
        Assert.Equal(scattered.MaxFalseMargin, chosen.MaxFalseMargin);
        if (!expectBitmap)
        {
            Assert.Equal(scatter.TouchedEntries, auto.TouchedEntries);
        }
    }

    private static Network Network(int inputs, int outputs, string encoding)
    {
        var spec = new ProblemSpec(ProblemKind.And, "random", inputs, outputs, 3);
        var parameters = ImmutableDictionary<string, object>.Empty.Add("input_encoding", encoding);
        return NetworkBuilder.Build(spec, SuperposedAnd.Definition.Name, parameters, new Seed(11), new Seed(12));
    }
}
