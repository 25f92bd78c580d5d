using Superposition.Specs;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Training.Tests;

/// <summary>The pipelines/ specs that name the trained or hybrid construction parse once they are installed.</summary>
public sealed class TrainedPipelineTests
{
    private static string Pipelines()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Superposition.sln")))
        {
            directory = directory.Parent;
        }
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("no Superposition.sln above the test binaries"), "pipelines");
    }

    [Theory]
    [InlineData("trained.json", 5, "trained")]
    [InlineData("tvc-trained.json", 6, "trained")]
    [InlineData("tvc-hybrid.json", 2, "hybrid")]
    [InlineData("tvc-hybrid-superposed.json", 1, "hybrid")]
    public void Spec_parses_and_expands_with_the_trained_construction_installed(string file, int cases, string construction)
    {
        TrainingConstructions.Install();
        var parsed = SpecParser.Parse(File.ReadAllText(Path.Combine(Pipelines(), file)));
        var spec = Assert.IsType<SpecParseResult.Parsed>(parsed).Spec;
        Assert.Equal(Path.GetFileNameWithoutExtension(file), spec.Name);
        var runs = SweepExpansion.Expand(spec);
        Assert.Equal(cases, runs.Length);
        Assert.All(runs, r => Assert.Equal(construction, r.ConstructionName));
    }
}
