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
    /// Rows of M long enough that the batched pass widens its byte sums several times per row (each byte
    /// lane holds at most 255 / |C_i| entries), on inputs that make many features count high. The network is
    /// too large for the dense reference; the scatter, equal to it on every smaller network, stands in.
    /// </summary>
    [Fact]
    public void Batched_pass_equals_the_scatter_on_long_rows()
    {
        var network = Network(20_000, 20_000, "superposed");
        var scratch = new EvaluationScratch(network) { Kernel = ForwardKernel.Batched };
        var longest = network.Compute!.RowView.Offsets.Zip(network.Compute.RowView.Offsets.Skip(1), (a, b) => b - a).Max();
        Assert.True(longest > 2 * (255 / scratch.MaxInputWidth), $"longest row {longest}, widest input code {scratch.MaxInputWidth}");
        var scatter = new EvaluationScratch(network) { Kernel = ForwardKernel.Scatter };
        var batch = InputSamplers.Batch(network.Problem, InputDistributions.WithTruePair, 0, 20, new Seed(17));
        for (var k = 0; k < batch.Count; k++)
        {
            // Dense inputs too (many active features), so that sums of counts reach far beyond a byte: every feature at once (every count at its full width) for k = 1.
            int[] active = k % 2 == 0 ? batch.Active(k).ToArray() : [.. Enumerable.Range(0, 20_000).Where(i => i % (k * k) == 0)];
            Assert.Equal(FactoredEvaluator.Activations(network, active, scatter), FactoredEvaluator.Activations(network, active, scratch));
        }
    }

    /// <summary>
    /// A chunk whose samples count more features twice than the side table has slots for is scattered
    /// sample by sample instead, with the same results; the chunks that fit still take the batched pass.
    /// </summary>
    [Fact]
    public void A_chunk_beyond_the_side_table_falls_back_to_the_scatter()
    {
        var network = Network(2_000, 2_000, "superposed");
        var batch = InputSamplers.Batch(network.Problem, InputDistributions.WithTruePair, 0, 128, new Seed(23));
        // Every sample counts its own active features (and some collisions) twice or more: a handful of
        // slots per sample. 40 slots hold a chunk of one sample, not one of 64.
        var tight = new EvaluationScratch(network) { Kernel = ForwardKernel.Batched };
        tight.Lanes = new LaneScratch(network.Compute!.ColumnCount) { SlotLimit = 40 };
        var scatter = new EvaluationScratch(network) { Kernel = ForwardKernel.Scatter };

        var scattered = NetworkEvaluator.Evaluate(network, batch, scatter);
        var fallback = NetworkEvaluator.Evaluate(network, batch, tight);
        var single = FactoredEvaluator.Activations(network, batch.Active(0), tight);

        Assert.Equal(1, tight.BatchedSamples); // the one-sample pass fitted; both 64-sample chunks fell back
        Assert.Equal(FactoredEvaluator.Activations(network, batch.Active(0), scatter), single);
        for (var k = 0; k < batch.Count; k++)
        {
            Assert.Equal(scattered.DecodedOutputs(k).ToArray(), fallback.DecodedOutputs(k).ToArray());
        }
        Assert.Equal(scattered.MinTrueMargin, fallback.MinTrueMargin);
        Assert.Equal(scattered.MaxFalseMargin, fallback.MaxFalseMargin);
    }

    /// <summary>The automatic choice: the batched pass for superposed inputs, the scatter for explicit ones.</summary>
    [Theory]
    [InlineData(2_000, 2_000, "superposed", true)]
    [InlineData(200, 2_000, "explicit", false)]
    public void Auto_takes_the_batched_pass_where_it_saves_work(int inputs, int outputs, string encoding, bool expectBatched)
    {
        var network = Network(inputs, outputs, encoding);
        var batch = InputSamplers.Batch(network.Problem, InputDistributions.WithTruePair, 0, 128, new Seed(19));
        var auto = new EvaluationScratch(network);
        var scatter = new EvaluationScratch(network) { Kernel = ForwardKernel.Scatter };

        var chosen = NetworkEvaluator.Evaluate(network, batch, auto);
        var scattered = NetworkEvaluator.Evaluate(network, batch, scatter);

        Assert.Equal(expectBatched ? batch.Count : 0, auto.BatchedSamples);
        Assert.Equal(scattered.DecodedOutputs(batch.Count - 1).ToArray(), chosen.DecodedOutputs(batch.Count - 1).ToArray());
        Assert.Equal(scattered.MinTrueMargin, chosen.MinTrueMargin);
        Assert.Equal(scattered.MaxFalseMargin, chosen.MaxFalseMargin);
        Assert.Equal(scatter.TouchedEntries, auto.TouchedEntries);
    }

    private static Network Network(int inputs, int outputs, string encoding)
    {
        var spec = new ProblemSpec(ProblemKind.And, "random", inputs, outputs, 3);
        var parameters = ImmutableDictionary<string, object>.Empty.Add("input_encoding", encoding);
        return NetworkBuilder.Build(spec, SuperposedAnd.Definition.Name, parameters, new Seed(11), new Seed(12));
    }
}
