using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Datasets.Safetensors;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

public class NetworkExportProperties
{
    private const int SamplesPerDistribution = 6;

    /// <summary>
    /// The file alone computes what the network computes: for every construction that solves a small
    /// AND problem, evaluating the written-and-read file gives FactoredEvaluator's activations bit for
    /// bit and its decoded outputs, on inputs from every applicable distribution.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Evaluate_equals_factored_evaluator_for_every_construction() =>
        Prop.ForAll(ExportCases.Cases.ToArbitrary(), testCase =>
        {
            var problem = testCase.Problem();
            var built = 0;
            foreach (var network in testCase.Networks())
            {
                built++;
                using var temporary = new TemporaryFile();
                NetworkExport.Write(network, temporary.Path, new Dictionary<string, string> { ["case_id"] = "property" });
                var file = SafetensorsFile.Read(temporary.Path);
                var scratch = new EvaluationScratch(network);
                foreach (var distribution in Distributions(problem.Spec))
                {
                    var batch = InputSamplers.Batch(problem, distribution, 0, SamplesPerDistribution, new Seed(testCase.SampleSeed).Derive(distribution));
                    var outcome = FactoredEvaluator.Evaluate(network, batch, scratch);
                    for (var k = 0; k < batch.Count; k++)
                    {
                        var features = network.InputEncoding == InputEncoding.Targets ? batch.Truth(k) : batch.Active(k);
                        var fromFile = NetworkExport.Evaluate(file, features);
                        var context = $"{network.Construction} ({network.InputEncoding}), {distribution} sample {k}: [{string.Join(", ", features.ToArray())}]";
                        Assert.True(outcome.DecodedOutputs(k).SequenceEqual(fromFile.Decoded.AsSpan()), $"decoded outputs differ for {context}");
                        Assert.True(FactoredEvaluator.Activations(network, features, scratch).SequenceEqual(fromFile.Activations), $"activations differ for {context}");
                    }
                }
            }
            // The representation baseline accepts every AND problem, so no case is vacuous.
            Assert.True(built > 0, "no construction was built");
        });

    private static IEnumerable<string> Distributions(ProblemSpec spec) =>
        InputDistributions.Names.Where(name => InputDistributions.Check(name, spec, "") is null);
}
