using Superposition.Sweeps;
using Xunit;

namespace Superposition.Core.Tests.Specs;

/// <summary>Every spec shipped in pipelines/ must parse: the README and CI run them.</summary>
public class PipelineSpecsTests
{
    /// <summary>Specs that name a construction of an edge project (the trained and hybrid constructions); Superposition.Training.Tests parses them with it installed.</summary>
    public static readonly string[] NeedExtensions = ["trained.json", "tvc-trained.json", "tvc-hybrid.json", "tvc-hybrid-superposed.json"];

    public static TheoryData<string> PipelineFiles() => [.. Directory.GetFiles(PipelinesDirectory(), "*.json").Select(f => Path.GetFileName(f)).Except(NeedExtensions).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(PipelineFiles))]
    public void Parse_accepts_every_pipeline_spec(string file)
    {
        var text = File.ReadAllText(Path.Combine(PipelinesDirectory(), file));

        var spec = SpecSamples.Valid(text);

        Assert.Equal(Path.GetFileNameWithoutExtension(file), spec.Name);
        Assert.NotEmpty(SweepExpansion.Expand(spec));
    }

    [Fact]
    public void Quickstart_expands_to_three_sizes_three_constructions_two_distributions_two_replicates()
    {
        var runs = SweepExpansion.Expand(SpecSamples.Valid(File.ReadAllText(Path.Combine(PipelinesDirectory(), "quickstart.json"))));

        Assert.Equal(3 * 3 * 2 * 2, runs.Length);
        Assert.Equal([1000, 10000, 100000], runs.Select(r => r.Problem.OutputCount).Distinct());
        Assert.All(runs, r => Assert.Equal(r.Problem.InputCount, r.Problem.OutputCount));
        Assert.Equal(["superposed-and", "dedicated", "representation"], runs.Select(r => r.ConstructionName).Distinct());
        Assert.Equal(["uniform", "with-true-pair"], runs.Select(r => r.InputDistribution.Name).Distinct());
    }

    [Fact]
    public void Ci_tiny_expands_to_two_sizes_three_constructions_two_distributions_one_replicate()
    {
        var runs = SweepExpansion.Expand(SpecSamples.Valid(File.ReadAllText(Path.Combine(PipelinesDirectory(), "ci-tiny.json"))));

        Assert.Equal(2 * 3 * 2, runs.Length);
        Assert.All(runs, r => Assert.Equal(200, r.Samples));
    }

    private static string PipelinesDirectory() => Path.Combine(SpecSamples.RepositoryRoot(), "pipelines");
}
