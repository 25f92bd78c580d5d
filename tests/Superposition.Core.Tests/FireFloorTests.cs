using System.Collections.Immutable;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The factored evaluator skips every neuron whose integer accumulator is below its firing floor. A bias so
/// negative that no int accumulator can overcome it (random-and's neuron_threshold of 1e20 or 1e300, which
/// validation allows) must give a floor no accumulator reaches, not an endless search for one; the result
/// still equals the dense reference, with no neuron firing.
/// </summary>
public class FireFloorTests
{
    // Before the floors were clamped, the scratch for such a bias never finished: the timeout turns that into a failure.
    [Theory(Timeout = 60_000)]
    [InlineData(1e9, "explicit")]
    [InlineData(1e20, "explicit")]
    [InlineData(1e300, "superposed")]
    [InlineData(1e300, "explicit")]
    public Task A_bias_beyond_every_accumulator_fires_no_neuron(double threshold, string encoding) => Task.Run(() =>
    {
        var spec = new ProblemSpec(ProblemKind.And, "random", 20, 190, 2);
        var parameters = ImmutableDictionary<string, object>.Empty
            .Add("neurons", 100.0).Add("connection_probability", 0.5).Add("neuron_threshold", threshold).Add("input_encoding", encoding);
        var network = NetworkBuilder.Build(spec, "random-and", parameters, new Seed(3), new Seed(4));
        var batch = InputSamplers.Batch(network.Problem, InputDistributions.WithTruePair, 0, 16, new Seed(5));
        var reference = new DenseEvaluator(network);
        var scratch = new EvaluationScratch(network);

        var outcome = NetworkEvaluator.Evaluate(network, batch, scratch);

        for (var k = 0; k < batch.Count; k++)
        {
            var active = batch.Active(k).ToArray();
            Assert.All(reference.Activations(active), a => Assert.Equal(0.0, a));
            Assert.Equal(reference.Activations(active), FactoredEvaluator.Activations(network, active, scratch));
            Assert.Equal(reference.Decode(active), outcome.DecodedOutputs(k).ToArray());
        }
    });
}
