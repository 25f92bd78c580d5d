using System.Collections.Immutable;
using System.Globalization;
using Superposition.Constructions;
using Superposition.Datasets.Safetensors;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

public class ProblemInstanceTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    /// <summary>
    /// A version-1 file, written by the tool before the problem instance was exported (commit fae37ce,
    /// `export` of superposed-and with explicit inputs, m = 12, m' = 10, s = 2, spec embedded).
    /// </summary>
    private static string VersionOneFixture => Path.Combine(AppContext.BaseDirectory, "Safetensors", "Fixtures", "v1-superposed-and.safetensors");

    [Fact]
    public void Export_carries_the_pair_set_row_by_row()
    {
        var network = NetworkExportTests.Build("superposed-and");
        var pairs = ((AndProblem)network.Problem).Pairs;
        using var temporary = new TemporaryFile();
        NetworkExport.Write(network, temporary.Path, NoMetadata);
        var file = SafetensorsFile.Read(temporary.Path);

        var tensor = file.Tensor<Int32Tensor>("problem.pairs");
        Assert.Equal([pairs.Count, 2L], tensor.Shape.ToArray());
        for (var e = 0; e < pairs.Count; e++)
        {
            Assert.Equal((pairs.First[e], pairs.Second[e]), (tensor.Values[2 * e], tensor.Values[(2 * e) + 1]));
        }
        Assert.Equal("2", file.Metadata["format_version"]);
        Assert.False(file.Contains("problem.permutation"));
    }

    [Fact]
    public void Export_carries_the_permutation_input_by_input()
    {
        var (network, problem) = PermutationNetwork();
        using var temporary = new TemporaryFile();
        NetworkExport.Write(network, temporary.Path, NoMetadata);
        var file = SafetensorsFile.Read(temporary.Path);

        var tensor = file.Tensor<Int32Tensor>("problem.permutation");
        Assert.Equal([50L], tensor.Shape.ToArray());
        Assert.Equal(problem.Permutation.ToArray(), tensor.Values.ToArray());
        Assert.False(file.Contains("problem.pairs"));
    }

    /// <summary>
    /// The file alone scores itself: for every construction of a generated AND case and for a
    /// permutation, the true outputs read from the file's instance equal the problem's, and the
    /// file's decoded outputs, scored against them, give the evaluator's error counts.
    /// </summary>
    [Fact]
    public void True_outputs_from_the_file_equal_the_problem_s()
    {
        var (permutation, _) = PermutationNetwork();
        var networks = new[] { "superposed-and", "random-and", "dedicated", "representation" }.Select(c => NetworkExportTests.Build(c)).Append(permutation);
        foreach (var network in networks)
        {
            var file = NetworkExport.ToFile(network, NoMetadata);
            var instance = ProblemInstance.Read(file)!;
            var batch = InputSamplers.Batch(network.Problem, InputDistributions.Uniform, 0, 30, new Seed(9));
            for (var k = 0; k < batch.Count; k++)
            {
                Assert.Equal(batch.Truth(k).ToArray(), instance.TrueOutputs(batch.Active(k).ToArray()).ToArray());
            }
        }
    }

    [Fact]
    public void A_version_one_file_still_reads_and_evaluates_without_an_instance()
    {
        var file = SafetensorsFile.Read(VersionOneFixture);
        Assert.Equal("1", file.Metadata["format_version"]);
        Assert.False(file.Contains("problem.pairs"));
        Assert.Null(ProblemInstance.Read(file));

        // Its instance is the problem regenerated from its own metadata; superposed-and at the default
        // neuron factor is exact on every input of at most s = 2 features of this small case.
        var spec = new ProblemSpec(ProblemKind.And, file.Metadata["graph"], Number(file, "input_count"), Number(file, "output_count"), Number(file, "sparsity"));
        var problem = ProblemGeneration.Generate(spec, new Seed(ulong.Parse(file.Metadata["problem_seed"], CultureInfo.InvariantCulture)));
        var truth = new int[problem.MaxTrueOutputs];
        var inputs = Enumerable.Range(0, spec.InputCount).ToArray();
        var samples = inputs.Select(i => new[] { i }).Concat(inputs.SelectMany(i => inputs.Where(j => j > i).Select(j => new[] { i, j }))).Prepend([]).ToList();
        Assert.Equal(1 + 12 + 66, samples.Count);
        foreach (var active in samples)
        {
            var count = problem.TrueOutputs(active, truth);
            Assert.Equal(truth[..count], NetworkExport.Evaluate(file, active).Decoded.ToArray());
        }
    }

    public static TheoryData<string, string> InconsistentInstances => new()
    {
        { "missing", "no tensor 'problem.pairs'" },
        { "wrong shape", "has shape [20]; [40, 2] was expected" },
        { "input out of range", "is not two distinct inputs below 30" },
        { "larger first", "is not two distinct inputs below 30, smaller first" },
        { "repeated pair", "repeats an earlier pair" },
        { "wrong dtype", "has dtype F64" },
    };

    [Theory]
    [MemberData(nameof(InconsistentInstances))]
    public void A_version_two_file_without_a_consistent_instance_is_InvalidDataException(string problem, string message)
    {
        var file = NetworkExport.ToFile(NetworkExportTests.Build("superposed-and"), NoMetadata);
        var pairs = file.Tensor<Int32Tensor>("problem.pairs");
        SafetensorsTensor? replacement = problem switch
        {
            "missing" => null,
            "wrong shape" => Int32Tensor.Vector("problem.pairs", pairs.Values[..20]),
            "input out of range" => pairs with { Values = pairs.Values.SetItem(1, 30) },
            "larger first" => pairs with { Values = pairs.Values.SetItem(0, pairs.Values[1]).SetItem(1, pairs.Values[0]) },
            "repeated pair" => pairs with { Values = pairs.Values.SetItem(2, pairs.Values[0]).SetItem(3, pairs.Values[1]) },
            _ => new Float64Tensor("problem.pairs", pairs.Shape, [.. pairs.Values.Select(v => (double)v)]),
        };
        var broken = file with { Tensors = [.. file.Tensors.Where(t => t.Name != "problem.pairs"), .. replacement is null ? ImmutableArray<SafetensorsTensor>.Empty : [replacement]] };

        var error = Assert.Throws<InvalidDataException>(() => NetworkExport.Evaluate(broken, [0, 1]));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_permutation_that_repeats_an_output_is_InvalidDataException()
    {
        var file = NetworkExport.ToFile(PermutationNetwork().Network, NoMetadata);
        var permutation = file.Tensor<Int32Tensor>("problem.permutation");
        var broken = file with { Tensors = [.. file.Tensors.Select(t => t.Name == permutation.Name ? permutation with { Values = permutation.Values.SetItem(1, permutation.Values[0]) } : t)] };

        var error = Assert.Throws<InvalidDataException>(() => NetworkExport.Evaluate(broken, [0]));
        Assert.Contains("problem.permutation[1]", error.Message, StringComparison.Ordinal);
    }

    internal static (Network Network, PermutationProblem Problem) PermutationNetwork()
    {
        var problem = (PermutationProblem)ProblemGeneration.Generate(new ProblemSpec(ProblemKind.Permutation, "permutation", 50, 50, 3), new Seed(3));
        var definition = ConstructionRegistry.Find("superposed-permutation")!;
        var request = definition.Resolve(new Dictionary<string, object> { ["input_encoding"] = "superposed" }, "").Request!;
        return (NetworkBuilder.Build(problem, request, new Seed(4)), problem);
    }

    private static int Number(SafetensorsFile file, string key) => int.Parse(file.Metadata[key], CultureInfo.InvariantCulture);
}
