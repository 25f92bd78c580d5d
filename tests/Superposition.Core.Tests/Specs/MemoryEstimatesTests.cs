using System.Text.Json.Nodes;
using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Sweeps;
using Xunit;
using static Superposition.Core.Tests.Specs.SpecSamples;

namespace Superposition.Core.Tests.Specs;

public class MemoryEstimatesTests
{
    private static readonly ConstructionRequest SuperposedDefaults = ConstructionRegistry.Find("superposed-and")!.Defaults;

    [Fact]
    public void Of_follows_the_documented_model_for_superposed_and()
    {
        // m = m' = 10^5, s = 3: b = ⌈log2 10^5⌉ = 17, n_0 = ⌈2.5 · 17 · √(3 · 10^5)⌉ = 23,279 < m, so inputs are superposed.
        var problem = new ProblemSpec(ProblemKind.And, "random", 100_000, 100_000, 3);

        var estimate = MemoryEstimates.Of(problem, SuperposedDefaults);

        const double entries = 100_000 * 17;
        const double neurons = 23_279;
        // Output neurons, bounded over every instance: τ = 23,279 / (4 · 3 · 17) ≈ 114.1, so a heavy input has degree ≥ 115
        // and at most ⌊2 · 10^5 / 115⌋ = 1,739 are heavy; blocks of max(⌈4 · 3 · 17⌉, 18) = 204; noise 8 · 10^5 · 3 · 17² / 23,279 + 1,739.
        const double outputNeurons = neurons + (1_739 * 204) + ((8.0 * 100_000 * 3 * 17 * 17 / neurons) + 1_739);
        Assert.Equal((64 * 100_000) + (16 * 100_000), estimate.ProblemBytes);
        Assert.Equal((16 * 2 * entries) + (32 * 2 * entries) + (16 * (neurons + outputNeurons)) + (8 * 200_000), estimate.NetworkBytes, 1.0);
        Assert.Equal((8 * neurons) + (12 * 100_000) + (16 * outputNeurons) + (24 * 100_000), estimate.ScratchBytesPerWorker, 1.0);
        Assert.Equal(estimate.ProblemBytes + estimate.NetworkBytes + (4 * estimate.ScratchBytesPerWorker), estimate.PeakBytes(4));
    }

    [Theory]
    [InlineData("superposed-and")]
    [InlineData("dedicated")]
    [InlineData("random-and")]
    [InlineData("representation")]
    public void Of_grows_with_output_count(string construction)
    {
        var parameters = ConstructionRegistry.Find(construction)!.Defaults;
        if (construction == "random-and")
        {
            // Sized from the problem, random-and's layer shrinks as m' grows at fixed m (a larger input
            // layer carries less read noise, so p may rise); at a fixed d and p it grows like the others.
            parameters = ConstructionRegistry.Find(construction)!.Resolve(new Dictionary<string, object> { ["neurons"] = 2000.0, ["connection_probability"] = 0.1 }, "").Request!;
        }
        long Peak(int outputs) => MemoryEstimates.Of(new ProblemSpec(ProblemKind.And, "random", 10_000, outputs, 3), parameters).PeakBytes(1);

        Assert.True(Peak(1_000) < Peak(10_000));
        Assert.True(Peak(10_000) < Peak(100_000));
    }

    [Theory]
    [InlineData("superposed-and", 3000, 20000)]
    [InlineData("dedicated", 3000, 20000)]
    [InlineData("random-and", 300, 2000)]
    [InlineData("representation", 3000, 20000)]
    public void Of_stays_above_the_arrays_a_built_network_holds(string construction, int inputs, int outputs)
    {
        var problem = new ProblemSpec(ProblemKind.And, "random", inputs, outputs, 3);
        var parameters = ConstructionRegistry.Find(construction)!.Defaults;
        var network = NetworkBuilder.Build(problem, construction, new Dictionary<string, object>(), new Seed(1), new Seed(2));

        // 4 bytes per int forward and reverse for each code, 8 per nonzero of M, 8 per bias.
        var held = (8 * (network.InputCode.EntryCount + network.OutputCode.EntryCount)) + (8 * (network.Compute?.NonzeroCount ?? 0)) + (8L * network.Biases.Length);

        Assert.True(MemoryEstimates.Of(problem, parameters).NetworkBytes >= held);
    }

    [Theory]
    [InlineData(2, 2000)]
    [InlineData(3, 3000)]
    [InlineData(4, 2000)]
    public void Of_a_circuit_stays_above_its_stacked_weights_stored_and_by_column(int depth, int gates)
    {
        var problem = new ProblemSpec(ProblemKind.Circuit, "random-layered", 200, gates, 3, Depth: depth);
        var parameters = ConstructionRegistry.Find(SuperposedCircuit.Name)!.Defaults;
        var network = NetworkBuilder.Build(problem, SuperposedCircuit.Name, new Dictionary<string, object>(), new Seed(1), new Seed(2));
        var nonzeros = network.Layers.Sum(layer => (long)((WeightMatrix.Sparse)((Layer.Affine)layer).Weights).NonzeroCount);

        // Per nonzero: a 4-byte column and an 8-byte value stored, the same again in the evaluator's by-column copy.
        Assert.True(MemoryEstimates.Of(problem, parameters).NetworkBytes >= 24 * nonzeros);
    }

    [Fact]
    public void Of_never_overflows_for_the_largest_sizes()
    {
        var problem = new ProblemSpec(ProblemKind.And, "random", int.MaxValue, int.MaxValue, int.MaxValue);

        var estimate = MemoryEstimates.Of(problem, SuperposedDefaults);

        Assert.True(estimate.PeakBytes(int.MaxValue) > 0);
    }

    [Fact]
    public void Largest_picks_the_run_with_the_highest_peak()
    {
        var runs = SweepExpansion.Expand(Valid(With(s => s["axes"] = Axes(new JsonObject
        {
            ["problem.output_count"] = new JsonArray(100, 4000, 1000),
        }))));

        var (run, peak) = MemoryEstimates.Largest(runs, workers: 2)!.Value;

        Assert.Equal(4000, run.Problem.OutputCount);
        Assert.Equal(MemoryEstimates.Of(run).PeakBytes(2), peak);
        Assert.Null(MemoryEstimates.Largest([], workers: 2));
    }
}
