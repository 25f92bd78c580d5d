using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Constructions;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>The shared generators produce what they promise, so the other properties test what they claim to.</summary>
public class CoreGeneratorProperties
{
    public static TheoryData<string> Graphs => [.. PairGraphs.Names];

    public static TheoryData<string> Constructions => [.. ConstructionRegistry.Names];

    [Theory]
    [MemberData(nameof(Graphs))]
    public void AndSpecs_are_valid_small_and_generate_for_every_graph(string graph) =>
        PropertyCheck.Run(CoreGenerators.AndSpecs(graph).Zip(CoreGenerators.Seeds), c =>
        {
            var (spec, seed) = c;
            Assert.Equal(graph, spec.Graph);
            Assert.Empty(ProblemGeneration.Validate(spec));
            Assert.InRange(spec.InputCount, 2, CoreGenerators.MaxInputs);
            Assert.InRange(spec.OutputCount, 1, CoreGenerators.MaxOutputs);
            Assert.InRange(spec.Sparsity, 1, CoreGenerators.MaxSparsity);
            Assert.Equal(spec.OutputCount, ProblemGeneration.Generate(spec, seed).OutputCount);
        }, maxTest: 200);

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 200)]
    public void Specs_of_every_kind_are_valid(ProblemSpec spec, Seed seed)
    {
        Assert.Empty(ProblemGeneration.Validate(spec));
        Assert.Equal(spec.InputCount, ProblemGeneration.Generate(spec, seed).InputCount);
    }

    [Theory]
    [MemberData(nameof(Constructions))]
    public void BuildCases_pass_validation_and_vary_their_parameters(string construction)
    {
        var definition = ConstructionRegistry.Find(construction)!;
        var cases = CoreGenerators.BuildCases(definition).Sample(100, 200);

        Assert.All(cases, c => Assert.Empty(c.Definition.Validate(c.Spec, c.Request)));
        Assert.All(cases, c => Assert.Contains(c.Spec.Kind, definition.Solves));
        var defaults = definition.Parameters.Where(p => !p.IsChoice).ToDictionary(p => p.Name, p => p.DefaultNumber!.Value);
        Assert.Contains(cases, c => !c.Parameters.Equals(definition.Defaults.Values));
        Assert.Contains(cases, c => c.Parameters.Numbers.Any(p => p.Value < defaults[p.Key]));
        // Every choice of every choice parameter is built (for superposed-and: the k-of-w decoder).
        Assert.All(definition.Parameters.Where(p => p.IsChoice), p => Assert.All(p.Choices, choice =>
            Assert.Contains(cases, c => c.Parameters.Choices.GetValueOrDefault(p.Name, p.DefaultChoice!) == choice)));
    }

    [Fact]
    public void Constructions_cover_the_registry()
    {
        var names = CoreGenerators.Constructions().Sample(50, 300).Select(c => c.Definition.Name).ToHashSet();

        Assert.Equal(ConstructionRegistry.Names.Order(), names.Order());
    }

    [Property(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 100)]
    public void Inputs_are_sparse_ascending_in_range_and_often_hold_a_true_pair(ProblemSpec spec, Seed seed)
    {
        var problem = ProblemGeneration.Generate(spec, seed);
        var inputs = CoreGenerators.Inputs(problem).Sample(20, 100);
        var truth = new int[Math.Max(1, problem.MaxTrueOutputs)];

        Assert.All(inputs, active =>
        {
            Assert.True(active.Length <= spec.Sparsity);
            Assert.All(active, i => Assert.InRange(i, 0, spec.InputCount - 1));
            Assert.True(active.Zip(active.Skip(1)).All(p => p.First < p.Second));
        });
        if (problem is AndProblem && spec.Sparsity >= 2)
        {
            Assert.Contains(inputs, active => problem.TrueOutputs(active, truth) > 0);
        }
    }
}
