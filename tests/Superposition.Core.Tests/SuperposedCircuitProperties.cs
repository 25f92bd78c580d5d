using FsCheck;
using FsCheck.Fluent;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// Layered AND circuits and the composing superposed-circuit construction: gate truth against a plain
/// boolean evaluation, the sparsity bound, both generators at depth 1..4, no false negatives across
/// layers with re-thresholding, the binarising units against the single superposed-and stage, and the
/// layered evaluator against the dense reference activation by activation.
/// </summary>
public sealed class SuperposedCircuitProperties
{
    /// <summary>A circuit case: generator, depth 1..4, widths, sparsity and a seed.</summary>
    public sealed record CircuitCase(string Generator, int Depth, int InputCount, int[] Widths, int Sparsity, ulong Seed, bool Rethreshold)
    {
        public CircuitProblem Problem()
        {
            var circuit = Generator == "and-trees"
                ? LayeredCircuit.BalancedTrees(InputCount >> Depth, Depth)
                : LayeredCircuit.RandomLayered(InputCount, Widths, new Seed(Seed));
            return new CircuitProblem(circuit, Sparsity, Generator);
        }
    }

    private static readonly Gen<CircuitCase> Cases =
        from generator in Gen.Elements("random-layered", "and-trees")
        from depth in Gen.Choose(1, 4)
        from trees in Gen.Choose(1, 6)
        from inputs in Gen.Choose(8, 40)
        from width in Gen.Choose(6, 20)
        from sparsity in Gen.Choose(1, 4)
        from seed in Gen.Choose(0, int.MaxValue)
        from rethreshold in Gen.Elements(true, false)
        let m = generator == "and-trees" ? trees << depth : inputs
        let first = Math.Min(width, m * (m - 1) / 2)
        select new CircuitCase(generator, depth, m, [first, .. Enumerable.Repeat(width, depth - 1)], Math.Min(sparsity, m), (ulong)seed, rethreshold);

    private static int[] Draw(Rng rng, int inputCount, int sparsity)
    {
        var count = rng.NextInt(sparsity + 1);
        var active = new int[count];
        Sampling.DistinctInRange(rng, 0, inputCount, active);
        Array.Sort(active);
        return active;
    }

    /// <summary>Every layer's gate values by plain boolean evaluation, gate by gate.</summary>
    private static bool[][] Booleans(LayeredCircuit circuit, int[] active)
    {
        var below = new bool[circuit.InputCount];
        foreach (var input in active)
        {
            below[input] = true;
        }
        var layers = new bool[circuit.Depth][];
        for (var k = 0; k < circuit.Depth; k++)
        {
            var layer = circuit.Layers[k];
            var values = new bool[layer.Count];
            for (var g = 0; g < layer.Count; g++)
            {
                values[g] = below[layer.First[g]] && below[layer.Second[g]];
            }
            layers[k] = values;
            below = values;
        }
        return layers;
    }

    [Fact]
    public void Gate_values_are_the_boolean_evaluation_and_stay_within_the_sparsity_bound() =>
        PropertyCheck.Run(Cases, @case =>
        {
            var problem = @case.Problem();
            var rng = new Rng(new Seed(@case.Seed).Derive("inputs"));
            for (var sample = 0; sample < 20; sample++)
            {
                var active = Draw(rng, problem.InputCount, @case.Sparsity);
                var values = problem.Circuit.GateValues(active);
                var booleans = Booleans(problem.Circuit, active);
                for (var k = 0; k < problem.Circuit.Depth; k++)
                {
                    Assert.Equal(Enumerable.Range(0, booleans[k].Length).Where(g => booleans[k][g]), values[k]);
                    Assert.True(values[k].Length <= problem.Bounds[k + 1], $"layer {k}: {values[k].Length} true gates above the bound {problem.Bounds[k + 1]}");
                }
            }
        }, maxTest: 200);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_balanced_tree_gate_is_the_and_of_its_own_inputs(int depth)
    {
        var circuit = LayeredCircuit.BalancedTrees(3, depth);
        var span = 1 << depth;
        var all = Enumerable.Range(span, span).ToArray();
        Assert.Equal([1], circuit.GateValues(all)[^1]);
        Assert.Empty(circuit.GateValues(all.AsSpan(1))[^1]);
        Assert.Equal(3, circuit.Width(depth - 1));
    }

    /// <summary>The most true gates of every layer over all sets of at most s active inputs, by enumeration.</summary>
    private static int[] MostTrueGates(LayeredCircuit circuit, int sparsity)
    {
        var most = new int[circuit.Depth];
        void Visit(List<int> active, int next)
        {
            var values = circuit.GateValues([.. active]);
            for (var k = 0; k < circuit.Depth; k++)
            {
                most[k] = Math.Max(most[k], values[k].Length);
            }
            if (active.Count == sparsity)
            {
                return;
            }
            for (var input = next; input < circuit.InputCount; input++)
            {
                active.Add(input);
                Visit(active, input + 1);
                active.RemoveAt(active.Count - 1);
            }
        }
        Visit([], 0);
        return most;
    }

    private static readonly Gen<CircuitCase> SmallCases =
        from @case in Cases
        from inputs in Gen.Choose(4, 12)
        from sparsity in Gen.Choose(1, 5)
        let depth = @case.Generator == "and-trees" ? Math.Min(@case.Depth, 3) : @case.Depth
        let m = @case.Generator == "and-trees" ? Math.Max(1, inputs >> depth) << depth : inputs
        let first = Math.Min(@case.Widths[0], m * (m - 1) / 2)
        select @case with { Depth = depth, InputCount = m, Widths = [.. Enumerable.Repeat(first, depth)], Sparsity = Math.Min(sparsity, m) };

    [Fact]
    public void The_sparsity_bounds_hold_every_true_gate_count_and_are_met_by_balanced_trees() =>
        PropertyCheck.Run(SmallCases, @case =>
        {
            var problem = @case.Problem();
            var most = MostTrueGates(problem.Circuit, @case.Sparsity);
            var spec = LayeredCircuit.Bounds(problem.Spec);
            for (var k = 0; k < problem.Circuit.Depth; k++)
            {
                Assert.True(most[k] <= problem.Bounds[k + 1], $"layer {k}: {most[k]} true gates above the bound {problem.Bounds[k + 1]}");
                Assert.True(problem.Bounds[k + 1] <= spec[k + 1], $"layer {k}: the instance bound {problem.Bounds[k + 1]} exceeds the spec's {spec[k + 1]}");
                // Stages are sized for what the spec's checks saw.
                Assert.Equal(spec[k + 1], SuperposedCircuit.StageBounds(problem)[k + 1]);
                if (@case.Generator == "and-trees")
                {
                    Assert.Equal(Math.Max(1, most[k]), problem.Bounds[k + 1]);
                }
            }
        }, maxTest: 100);

    [Theory]
    [InlineData(8, 3, new[] { 8, 4, 2, 1 })]
    [InlineData(16, 4, new[] { 16, 8, 4, 2, 1 })]
    [InlineData(5, 2, new[] { 5, 2, 1 })]
    public void Balanced_trees_halve_the_true_gates_per_layer(int sparsity, int depth, int[] expected)
    {
        Assert.Equal(expected, LayeredCircuit.BalancedTrees(40, depth).SparsityBounds(sparsity).ToArray());
        Assert.Equal(expected, LayeredCircuit.Bounds(new ProblemSpec(ProblemKind.Circuit, "and-trees", 40 << depth, 40, sparsity, Depth: depth)).ToArray());
    }

    [Fact]
    public void The_bound_for_three_active_inputs_stays_three() =>
        Assert.Equal([3, 3, 3, 3, 3], LayeredCircuit.RandomLayered(100, [500, 500, 500, 500], new Seed(1)).SparsityBounds(3).ToArray());

    [Fact]
    public void With_rethresholding_no_true_output_is_missed_and_layered_equals_dense() =>
        PropertyCheck.Run(Cases.Where(c => c.Rethreshold), @case =>
        {
            var problem = @case.Problem();
            var network = SuperposedCircuit.Build(problem, new SuperposedCircuitOptions(), new Seed(@case.Seed).Derive("network"));
            var dense = new DenseLayers(network);
            var scratch = EvaluationScratch.ForLayered(network);
            var rng = new Rng(new Seed(@case.Seed).Derive("inputs"));
            for (var sample = 0; sample < 10; sample++)
            {
                var active = Draw(rng, problem.InputCount, @case.Sparsity);
                Assert.Equal(dense.Activations(active), LayeredEvaluator.Activations(network, active, scratch));
                var decoded = dense.Decode(active);
                foreach (var gate in problem.Circuit.GateValues(active)[^1])
                {
                    Assert.Contains(gate, decoded);
                }
            }
        }, maxTest: 60);

    [Fact]
    public void Without_rethresholding_layered_equals_dense() =>
        PropertyCheck.Run(Cases.Where(c => !c.Rethreshold), @case =>
        {
            var problem = @case.Problem();
            var network = SuperposedCircuit.Build(problem, new SuperposedCircuitOptions { Rethreshold = false }, new Seed(@case.Seed));
            Assert.Equal(problem.Circuit.Depth, network.Layers.Length);
            var dense = new DenseLayers(network);
            var scratch = EvaluationScratch.ForLayered(network);
            var rng = new Rng(new Seed(@case.Seed).Derive("inputs"));
            for (var sample = 0; sample < 10; sample++)
            {
                var active = Draw(rng, problem.InputCount, @case.Sparsity);
                Assert.Equal(dense.Activations(active), LayeredEvaluator.Activations(network, active, scratch));
            }
        }, maxTest: 60);

    /// <summary>
    /// The two units of each first-stage neuron differ by exactly 1[z &gt; γ], z being that neuron's activation
    /// in the single superposed-and stage (built as its own factored network), here computed with the
    /// matrix entries one by one rather than by an evaluator.
    /// </summary>
    [Fact]
    public void The_binarising_units_are_the_stage_neurons_above_the_threshold() =>
        PropertyCheck.Run(Cases.Where(c => c.Rethreshold && c.Depth >= 2), @case =>
        {
            var problem = @case.Problem();
            var options = new SuperposedCircuitOptions();
            var seed = new Seed(@case.Seed);
            var network = SuperposedCircuit.Build(problem, options, seed);
            var stage = SuperposedCircuit.Stages(problem, options, seed)[0];
            var stageProblem = new AndProblem(new ProblemSpec(ProblemKind.And, "random", problem.InputCount, problem.Circuit.Width(0), Math.Min(problem.Bounds[0], problem.InputCount)), problem.Circuit.Layers[0]);
            var single = new DenseLayers(Network.Create("superposed-and", ConstructionParameters.Empty, stageProblem, seed, stage.WithDecoder(new Decoding.Decoder.AllAbove(options.Stage.DecodeThreshold))));
            var layer = (Layer.Affine)network.Layers[0];
            var rng = new Rng(seed.Derive("inputs"));
            for (var sample = 0; sample < 10; sample++)
            {
                var active = Draw(rng, problem.InputCount, @case.Sparsity);
                var z = single.Activations(active);
                var a = new double[layer.InputWidth];
                foreach (var input in active)
                {
                    foreach (var neuron in stage.InputCode.Support(input))
                    {
                        a[neuron] = 1;
                    }
                }
                double Unit(int row) => Math.Max(0, Enumerable.Range(0, a.Length).Sum(j => layer.Weights[row, j] * a[j]) + layer.Bias[row]);
                for (var u = 0; u < z.Length; u++)
                {
                    Assert.Equal(z[u] > options.Stage.DecodeThreshold ? 1.0 : 0.0, Unit(2 * u) - Unit((2 * u) + 1));
                }
            }
        }, maxTest: 40);

    /// <summary>
    /// A spec whose checks pass at the spec's bound s_k = 3 builds: the stages are drawn at that bound, not
    /// at the smaller one this instance's fan-outs allow (at s_k = 1 the input layer of a stage has fewer
    /// neurons than its code width, and drawing it threw). Found by the invariant suite.
    /// </summary>
    [Fact]
    public void A_random_layered_spec_that_passes_its_checks_builds()
    {
        var spec = new ProblemSpec(ProblemKind.Circuit, "random-layered", 6, 4, 3, Depth: 4);
        var raw = new Dictionary<string, object>
        {
            ["block_noise_factor"] = 16.0,
            ["decode_threshold"] = 0.125,
            ["gate_slope"] = 0.5,
            ["influence_factor"] = 6.0,
            ["input_encoding"] = "explicit",
            ["neuron_factor"] = 0.3125,
            ["rethreshold"] = "on",
        };
        var definition = ConstructionRegistry.Find(SuperposedCircuit.Name)!;
        var request = definition.Resolve(raw, "params").Request!;
        Assert.Empty(definition.Check(spec, request));
        var problem = ProblemGeneration.Generate(spec, new Seed(0x84e3db51953bf376));
        var network = NetworkBuilder.Build(problem, request, new Seed(0x8afff5e0e13f2765));
        Assert.Equal(4, network.Layers.Length);
    }

    [Fact]
    public void Rethresholding_adds_one_unit_per_hidden_neuron_and_counts_it()
    {
        var problem = new CircuitProblem(LayeredCircuit.RandomLayered(60, [80, 80, 80], new Seed(5)), 3, "random-layered");
        var with = SuperposedCircuit.Build(problem, new SuperposedCircuitOptions(), new Seed(9));
        var without = SuperposedCircuit.Build(problem, new SuperposedCircuitOptions { Rethreshold = false }, new Seed(9));
        Assert.Equal([.. without.Layers.Take(2).Select(l => 2 * l.Width), without.Layers[2].Width], with.Layers.Select(l => l.Width));
        Assert.Equal(without.Resources.HiddenNeurons + without.Layers[0].Width + without.Layers[1].Width, with.Resources.HiddenNeurons);
        Assert.Equal(without.Resources.OutputNeurons, with.Resources.OutputNeurons);
    }
}
