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
/// The factored evaluator finds firing neurons two ways, chosen per sample for speed: a dense vector scan
/// when read noise reaches much of the layer (superposed inputs), a list of touched neurons otherwise.
/// Both must give the dense reference's activations bit for bit, and both must actually run here.
/// </summary>
public class ScatterModeTests
{
    [Theory]
    [InlineData(2_000, 2_000, "superposed", true)]
    [InlineData(200, 2_000, "explicit", false)]
    public void Both_scans_equal_the_dense_reference(int inputs, int outputs, string encoding, bool expectDense)
    {
        var spec = new ProblemSpec(ProblemKind.And, "random", inputs, outputs, 3);
        var parameters = ImmutableDictionary<string, object>.Empty.Add("input_encoding", encoding);
        var network = NetworkBuilder.Build(spec, SuperposedAnd.Definition.Name, parameters, new Seed(11), new Seed(12));
        var batch = InputSamplers.Batch(network.Problem, InputDistributions.WithTruePair, 0, 12, new Seed(13));
        var reference = new DenseEvaluator(network);
        var scratch = new EvaluationScratch(network);

        for (var k = 0; k < batch.Count; k++)
        {
            var active = batch.Active(k).ToArray();
            Assert.Equal(reference.Activations(active), FactoredEvaluator.Activations(network, active, scratch));
        }

        Assert.Equal(expectDense ? batch.Count : 0, scratch.DenseScans);
    }
}
