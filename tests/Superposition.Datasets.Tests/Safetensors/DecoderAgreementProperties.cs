using System.Reflection;
using FsCheck.Fluent;
using Superposition.Constructions;
using Superposition.Datasets.Safetensors;
using Superposition.Decoding;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Testing;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

/// <summary>
/// Every case of <see cref="Decoder"/>, found by reflection so that a new case cannot be forgotten, is
/// evaluated alike by the factored kernel, the dense reference and the exported file: the same decoded
/// outputs, and the kernel's margins equal the reference definition's. Each generated network of every
/// registered construction is re-read with each decoder.
/// </summary>
public class DecoderAgreementProperties
{
    /// <summary>The sealed cases of <see cref="Decoder"/>, by name.</summary>
    public static TheoryData<string> Cases => [.. CaseTypes().Select(t => t.Name)];

    [Fact]
    public void Every_decoder_case_is_listed_with_its_name()
    {
        var names = CaseTypes().Select(t => Instance(t, threshold: 0.25, k: 1).Name).Order(StringComparer.Ordinal);

        Assert.Equal(Decoder.Names.Order(StringComparer.Ordinal), names);
        Assert.True(CaseTypes().Length >= 3, "expected all-above, mean-above and k-of-w at least");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Factored_dense_and_file_evaluation_agree(string caseName)
    {
        var type = CaseTypes().Single(t => t.Name == caseName);
        var generator =
            from construction in Gen.Elements(ConstructionRegistry.All.Where(c => !c.Solves.Contains(Problems.ProblemKind.Circuit)).AsEnumerable())
            from buildCase in CoreGenerators.BuildCases(construction)
            from threshold in Gen.Elements(0.25, 0.5, 0.9)
            from k in Gen.Choose(1, 6)
            select (buildCase, threshold, k);
        var checkedOutputs = 0;
        foreach (var (buildCase, threshold, k) in generator.Sample(30, 25))
        {
            var built = buildCase.Build();
            var network = Network.Create(built.Construction, built.Parameters, built.Problem, built.Seed, PartsOf(built, Instance(type, threshold, k)));
            if ((long)network.InputCode.NeuronCount * network.OutputNeuronCount > 2_000_000)
            {
                continue;
            }
            var file = NetworkExport.ToFile(network, new Dictionary<string, string>());
            Assert.Equal(network.Decoder, ExportedDecoder(file));
            var dense = new DenseEvaluator(network);
            var scratch = new EvaluationScratch(network);
            var distribution = InputDistributions.Names.First(d => InputDistributions.Check(d, network.Problem.Spec, "") is null);
            var batch = InputSamplers.Batch(network.Problem, distribution, 0, 12, buildCase.ConstructionSeed.Derive("decoders"));
            var outcome = FactoredEvaluator.Evaluate(network, batch, scratch);
            for (var sample = 0; sample < batch.Count; sample++)
            {
                var truth = batch.Truth(sample).ToArray();
                var features = network.InputEncoding == InputEncoding.Targets ? truth : batch.Active(sample).ToArray();
                var expected = dense.Decode(features);
                var margins = dense.Margins(features);
                var what = $"{network.Decoder} on {buildCase}, sample {sample}";
                Assert.True(expected.SequenceEqual(outcome.DecodedOutputs(sample).ToArray()), $"factored and dense decode differently: {what}");
                Assert.True(expected.SequenceEqual(NetworkExport.Evaluate(file, features).Decoded), $"file and dense decode differently: {what}");
                Assert.True(expected.SequenceEqual(Enumerable.Range(0, margins.Length).Where(e => margins[e] > 0)), $"the reference's Fires and Margin disagree: {what}");
                var minTrue = truth.Length == 0 ? double.PositiveInfinity : truth.Min(e => margins[e]);
                var falseMargins = Enumerable.Range(0, margins.Length).Except(truth).Select(e => margins[e]).ToArray();
                var maxFalse = falseMargins.Length == 0 ? double.NegativeInfinity : falseMargins.Max();
                Assert.True(minTrue == outcome.MinTrueMargin[sample], $"min true margin: reference {minTrue:R}, factored {outcome.MinTrueMargin[sample]:R}: {what}");
                Assert.True(maxFalse == outcome.MaxFalseMargin[sample], $"max false margin: reference {maxFalse:R}, factored {outcome.MaxFalseMargin[sample]:R}: {what}");
                checkedOutputs += margins.Length;
            }
        }
        Assert.True(checkedOutputs > 0, "no generated network was small enough to check");
    }

    private static Type[] CaseTypes() =>
        [.. typeof(Decoder).GetNestedTypes(BindingFlags.Public).Where(t => t.IsSealed && t.IsSubclassOf(typeof(Decoder))).OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>A case built from its constructor: every double parameter is the threshold, every int is k.</summary>
    private static Decoder Instance(Type type, double threshold, int k)
    {
        var constructor = type.GetConstructors().Single();
        var arguments = constructor.GetParameters().Select(p => p.ParameterType == typeof(double) ? threshold
            : p.ParameterType == typeof(int) ? (object)k
            : throw new InvalidOperationException($"{type.Name} has a constructor parameter '{p.Name}' this test cannot fill; teach it")).ToArray();
        return (Decoder)constructor.Invoke(arguments);
    }

    private static NetworkParts PartsOf(Network network, Decoder decoder) => new()
    {
        InputEncoding = network.InputEncoding,
        InputCode = network.InputCode,
        Compute = network.Compute,
        Biases = network.Biases,
        OutputCode = network.OutputCode,
        Decoder = decoder,
        Layout = network.Layout,
    };

    private static Decoder ExportedDecoder(SafetensorsFile file) =>
        Decoder.FromMetadata(file.Metadata, file.Tensor<Float64Tensor>("decode_threshold").Values[0]);
}
