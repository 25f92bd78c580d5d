using System.Collections.Immutable;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Decoding;
using Superposition.Evaluation;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The factored kernel stores M's rows as 16-bit indices when the output layer has at most 65,536
/// neurons and as 32-bit ones above. Both paths, with unit and weighted columns, must give the
/// activations of the dense reference and of a naive scatter written here; a layer of 70,000 neurons
/// takes the 32-bit path, one of 60,000 the 16-bit path. The batched pass, over unit and weighted rows,
/// must give the same.
/// </summary>
public class RowWidthTests
{
    private const int Columns = 12;
    private const int InputNeurons = 10;
    private const int InputWidth = 3;

    [Theory]
    [InlineData(70_000, false)]
    [InlineData(60_000, true)]
    public void Factored_activations_equal_the_references_on_both_row_widths(int rows, bool shortRows)
    {
        var network = WideNetwork(rows, new Seed(41));
        var compute = network.Compute!;
        Assert.Equal(shortRows, compute.ShortRows is not null);
        Assert.Contains(compute.UnitColumns, unit => unit);
        Assert.Contains(compute.UnitColumns, unit => !unit);

        var dense = new DenseEvaluator(network);
        var scratch = new EvaluationScratch(network) { Kernel = ForwardKernel.Scatter };
        // The batched pass reads M by rows: weighted and unit rows take different sums there.
        var batched = new EvaluationScratch(network) { Kernel = ForwardKernel.Batched };
        Assert.Contains(compute.RowView.UnitRows, unit => unit);
        Assert.Contains(compute.RowView.UnitRows, unit => !unit);
        var rng = new Rng(new Seed(42));
        var positive = 0;
        for (var k = 0; k < 20; k++)
        {
            var active = new int[1 + rng.NextInt(3)];
            Sampling.DistinctInRange(rng, 0, Columns, active);
            Array.Sort(active);

            var factored = FactoredEvaluator.Activations(network, active, scratch);
            Assert.Equal(NaiveActivations(network, active), factored);
            Assert.Equal(dense.Activations(active), factored);
            Assert.Equal(factored, FactoredEvaluator.Activations(network, active, batched));
            positive += factored.Count(a => a > 0);
        }
        Assert.True(positive > 1000, $"only {positive} positive activations: the comparison would be vacuous");
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(7L)]
    [InlineData(5_000L)]
    public void Counts_by_small_row_ranges_equal_counts_in_one_range_on_a_wide_matrix(long entriesPerRange)
    {
        var network = WideNetwork(70_000, new Seed(43));

        Assert.Equal(CountIn(network, long.MaxValue), CountIn(network, entriesPerRange));
        Assert.Equal(network.Resources, CountIn(network, entriesPerRange));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(3L)]
    [InlineData(100L)]
    public void Counts_by_small_row_ranges_equal_counts_in_one_range_on_built_networks(long entriesPerRange)
    {
        var spec = new ProblemSpec(ProblemKind.And, "hubs", 300, 600, 3);
        foreach (var construction in ConstructionRegistry.All.Where(c => c.Solves.Contains(ProblemKind.And)))
        {
            var network = NetworkBuilder.Build(spec, construction.Name, ImmutableDictionary<string, object>.Empty, new Seed(44), new Seed(45));
            if (network.Compute is null)
            {
                continue; // nothing to transpose
            }
            Assert.True(network.Compute.NonzeroCount > 10 * entriesPerRange, $"{construction.Name}: too few entries to need several ranges");
            Assert.Equal(CountIn(network, long.MaxValue), CountIn(network, entriesPerRange));
        }
    }

    private static ResourceCounts CountIn(Network network, long entriesPerRange) =>
        ResourceCounting.Count(network.InputEncoding, network.InputCode, network.Compute, network.Biases.AsSpan(), network.OutputCode, entriesPerRange);

    /// <summary>
    /// acc[u] = Σ over every input i (active or not: read noise) and entries (u, w) of column i of
    /// w · |C_i ∩ a|, with a the neurons the active inputs' codes set; then ReLU(acc / b_in + bias[u]).
    /// The definition, entry by entry.
    /// </summary>
    private static double[] NaiveActivations(Network network, int[] active)
    {
        var encoded = active.SelectMany(i => network.InputCode.Support(i).ToArray()).ToHashSet();
        var accumulators = new long[network.OutputNeuronCount];
        for (var input = 0; input < network.Compute!.ColumnCount; input++)
        {
            var overlap = network.InputCode.Support(input).ToArray().Count(encoded.Contains);
            var rows = network.Compute!.Rows(input);
            var weights = network.Compute.Weights(input);
            for (var k = 0; k < rows.Length; k++)
            {
                accumulators[rows[k]] += (long)weights[k] * overlap;
            }
        }
        return [.. accumulators.Select((accumulator, u) => Network.Activation(accumulator, network.InputWidth, network.Biases[u]))];
    }

    /// <summary>
    /// A network around a directly built M of <paramref name="rows"/> rows and 12 columns: even columns
    /// of unit weights, odd ones weighted 1..3, each on 1,500 random rows (the last column on the top
    /// rows, so the highest indices are exercised); a superposed input code of width 3 on 10 neurons.
    /// </summary>
    private static Network WideNetwork(int rows, Seed seed)
    {
        var rng = new Rng(seed);
        var columnOffsets = new int[Columns + 1];
        var rowIndices = new List<int>();
        var weights = new List<int>();
        for (var c = 0; c < Columns; c++)
        {
            var column = new int[1500];
            if (c == Columns - 1)
            {
                Sampling.DistinctInRange(rng, rows - 3000, 3000, column);
            }
            else
            {
                Sampling.DistinctInRange(rng, 0, rows, column);
            }
            Array.Sort(column);
            rowIndices.AddRange(column);
            weights.AddRange(column.Select(_ => c % 2 == 0 ? 1 : 1 + rng.NextInt(3)));
            columnOffsets[c + 1] = rowIndices.Count;
        }
        var compute = new ComputeMatrix(rows, columnOffsets, [.. rowIndices], [.. weights]);
        var problem = ProblemGeneration.Generate(new ProblemSpec(ProblemKind.And, "random", Columns, 10, 3), seed);
        var biases = ImmutableArray.CreateRange(Enumerable.Range(0, rows).Select(u => -0.5 - (u % 3 * 0.25)));
        return Network.Create(
            "wide-matrix",
            ConstructionParameters.Empty,
            problem,
            seed,
            new NetworkParts
            {
                InputEncoding = InputEncoding.Superposed,
                InputCode = CodeFactory.Uniform(Columns, InputNeurons, InputWidth, rng),
                Compute = compute,
                Biases = biases,
                OutputCode = CodeFactory.Uniform(10, rows, 4, rng),
                Decoder = new Decoder.AllAbove(0.25),
                Layout = [],
            });
    }
}
