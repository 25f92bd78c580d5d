using FsCheck;
using FsCheck.Fluent;
using Superposition.Codes;
using Superposition.Evaluation;
using Superposition.Networks;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// W's columns as bitmaps (<see cref="WeightBitmap"/>: bits, excesses, and the row nonzeros and values
/// the weight count takes from them) and the bitmap pass's count of a set of input neurons
/// (<see cref="FactoredEvaluator.CountSet"/>) against the definition W[u, ν] = Σ_{i : ν ∈ C_i}
/// M[u, i], summed in long. The generated layers reach every path: one block of 512 output neurons and
/// several, a last block full or partly padding, unit columns of M and weighted ones, neurons hit once
/// and many times (codes that share neurons), empty columns of W, and sets of every size from 0 to 254,
/// so that the bit-plane counter carries into each of its eight planes.
/// </summary>
public class WeightBitmapProperties
{
    private static readonly int[] WeightChoices = [1, 1, 1, 1, 2, 3, 40, 300];

    private sealed record Instance(Code Code, ComputeMatrix Compute, int[][] Sets)
    {
        public override string ToString() =>
            $"n_in {Code.NeuronCount}, {Compute.ColumnCount} inputs, {Compute.RowCount} rows, {Compute.NonzeroCount} entries, sets of {string.Join(",", Sets.Select(s => s.Length))}";
    }

    private static Gen<Instance> Instances() =>
        from seed in Gen.Choose(0, int.MaxValue)
        from neurons in Gen.Frequency((1, Gen.Choose(1, 40)), (3, Gen.Choose(260, 700)))
        from columns in Gen.Choose(1, 80)
        from rows in Gen.Frequency((1, Gen.Choose(1, 70)), (1, Gen.Elements(512, 1024)), (2, Gen.Choose(513, 1_600)))
        from weighted in Gen.Elements(true, false)
        from broad in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select broad
            ? DrawBroad(new Rng(new Seed((ulong)seed)), neurons, rows)
            : Draw(new Rng(new Seed((ulong)seed)), neurons, columns, rows, weighted);

    /// <summary>
    /// Codes of 0–6 neurons, half of them from a small pool (so neurons are shared and hit many times);
    /// M's columns of 0–40 distinct rows, of weight one or (when <paramref name="weighted"/>) drawn; four
    /// sets of input neurons, the last of up to 254 neurons of unit columns (whose sums stay in a byte).
    /// </summary>
    private static Instance Draw(Rng rng, int neurons, int columns, int rows, bool weighted)
    {
        var pool = 1 + rng.NextInt(Math.Min(neurons, 10));
        var offsets = new int[columns + 1];
        var codeNeurons = new List<int>();
        for (var c = 0; c < columns; c++)
        {
            var w = rng.NextInt(Math.Min(neurons, 7));
            var support = new int[w];
            Sampling.DistinctInRange(rng, 0, rng.NextInt(2) == 0 ? Math.Max(pool, w) : neurons, support);
            Array.Sort(support);
            codeNeurons.AddRange(support);
            offsets[c + 1] = codeNeurons.Count;
        }
        var code = new Code(neurons, offsets, [.. codeNeurons]);
        var columnOffsets = new int[columns + 1];
        var entryRows = new List<int>();
        var entryWeights = new List<int>();
        for (var c = 0; c < columns; c++)
        {
            var length = rng.NextInt(Math.Min(rows, 40) + 1);
            var column = new int[length];
            Sampling.DistinctInRange(rng, 0, rows, column);
            Array.Sort(column);
            var unit = !weighted || rng.NextInt(2) == 0;
            foreach (var row in column)
            {
                entryRows.Add(row);
                entryWeights.Add(unit ? 1 : WeightChoices[rng.NextInt(WeightChoices.Length)]);
            }
            columnOffsets[c + 1] = entryRows.Count;
        }
        var compute = new ComputeMatrix(rows, columnOffsets, [.. entryRows], [.. entryWeights]);
        var sets = new int[4][];
        for (var s = 0; s < 3; s++)
        {
            sets[s] = new int[rng.NextInt(Math.Min(neurons, 12) + 1)];
            Sampling.DistinctInRange(rng, 0, neurons, sets[s]);
        }
        sets[3] = new int[Math.Min(neurons, rng.NextInt(255))];
        Sampling.DistinctInRange(rng, 0, neurons, sets[3]);
        return new Instance(code, compute, sets);
    }

    /// <summary>
    /// One input feature with a code of up to 254 neurons and a unit column of M: W is 0 or 1, and a set
    /// of the code's neurons counts up to 254 at the column's rows, so every plane of the counter carries.
    /// </summary>
    private static Instance DrawBroad(Rng rng, int neurons, int rows)
    {
        // Half the time the widest code, so that a row's nonzeros fill a group of 254 columns.
        var support = new int[rng.NextInt(2) == 0 ? Math.Min(neurons, 254) : rng.NextInt(Math.Min(neurons, 254) + 1)];
        Sampling.DistinctInRange(rng, 0, neurons, support);
        Array.Sort(support);
        var code = new Code(neurons, [0, support.Length], support);
        var column = new int[rng.NextInt(Math.Min(rows, 40) + 1)];
        Sampling.DistinctInRange(rng, 0, rows, column);
        Array.Sort(column);
        var compute = new ComputeMatrix(rows, [0, column.Length], column, [.. column.Select(_ => 1)]);
        var subset = support.Where(_ => rng.NextInt(8) != 0).ToArray();
        return new Instance(code, compute, [support, subset, [], [.. support.Take(rng.NextInt(support.Length + 1))]]);
    }

    /// <summary>W by definition, column by column (input neuron ν: output neuron u → W[u, ν]).</summary>
    private static Dictionary<int, long>[] DefinitionColumns(Instance instance)
    {
        var columns = Enumerable.Range(0, instance.Code.NeuronCount).Select(_ => new Dictionary<int, long>()).ToArray();
        for (var c = 0; c < instance.Compute.ColumnCount; c++)
        {
            var rows = instance.Compute.Rows(c);
            var weights = instance.Compute.Weights(c);
            foreach (var neuron in instance.Code.Support(c))
            {
                for (var k = 0; k < rows.Length; k++)
                {
                    columns[neuron][rows[k]] = columns[neuron].GetValueOrDefault(rows[k]) + weights[k];
                }
            }
        }
        return columns;
    }

    [Fact]
    public unsafe void Bitmaps_and_excesses_equal_the_definition()
    {
        var seen = new Coverage();
        PropertyCheck.Run(Instances(), instance =>
        {
            var expected = DefinitionColumns(instance);
            var bitmap = WeightBitmap.Build(instance.Code, instance.Compute);
            Assert.Equal((instance.Compute.RowCount + 511) / 512 * 8, bitmap.WordsPerColumn);
            for (var neuron = 0; neuron < expected.Length; neuron++)
            {
                var column = new ReadOnlySpan<ulong>(bitmap.Columns + ((long)neuron * bitmap.WordsPerColumn), bitmap.WordsPerColumn);
                Assert.True(((nuint)(bitmap.Columns + ((long)neuron * bitmap.WordsPerColumn)) & 63) == 0, "a column starts off a cache line");
                for (var u = 0; u < bitmap.WordsPerColumn * 64; u++)
                {
                    var set = (column[u >> 6] >> (u & 63) & 1) != 0;
                    Assert.True(set == expected[neuron].ContainsKey(u), $"bit {u} of column {neuron}: {set}, W = {expected[neuron].GetValueOrDefault(u)}");
                }
                var excess = new Dictionary<int, long>();
                var rows = bitmap.ExcessRows(neuron);
                var values = bitmap.ExcessValues(neuron);
                for (var k = 0; k < rows.Length; k++)
                {
                    Assert.True(excess.TryAdd(rows[k], values[k]), $"row {rows[k]} listed twice in column {neuron}");
                }
                var above = expected[neuron].Where(e => e.Value > 1).ToDictionary(e => e.Key, e => Math.Min(e.Value - 1, 255));
                Assert.Equal(above.OrderBy(e => e.Key), excess.OrderBy(e => e.Key));
                Assert.Equal(expected[neuron].Count == 0 ? 0 : expected[neuron].Values.Max(), bitmap.ColumnMax[neuron]);
                Assert.Equal(expected[neuron].Count, bitmap.ColumnEntries[neuron]);
            }
            // What the weight count takes from the bitmaps: nonzeros per row, and W's distinct values.
            var rowNonzeros = new int[instance.Compute.RowCount];
            foreach (var row in expected.SelectMany(column => column.Keys))
            {
                rowNonzeros[row]++;
            }
            Assert.Equal(rowNonzeros, bitmap.RowNonzeros);
            Assert.Equal(expected.SelectMany(column => column.Values).Select(v => (int)v).ToHashSet().Order(), bitmap.Values.Order());
            seen.Add(instance, expected);
        }, maxTest: 150);
        seen.AssertEveryPath();
    }

    [Fact]
    public void Counts_of_a_set_equal_the_sums_of_its_columns()
    {
        Assert.True(WeightBitmap.Hardware, "the bitmap pass needs AVX-512 with VBMI and GFNI; this machine lacks them, so its count is untested here");
        var sizes = new HashSet<int>();
        var values = new HashSet<int>();
        PropertyCheck.Run(Instances(), instance =>
        {
            var expected = DefinitionColumns(instance);
            var bitmap = WeightBitmap.Build(instance.Code, instance.Compute);
            var counts = new byte[bitmap.Blocks * 512];
            foreach (var set in instance.Sets)
            {
                if (set.Sum(n => (long)bitmap.ColumnMax[n]) > 254)
                {
                    continue;
                }
                // Stale bytes must not survive: the count overwrites every block.
                Array.Fill(counts, (byte)0xA5);
                FactoredEvaluator.CountSet(bitmap, set, counts);
                for (var u = 0; u < counts.Length; u++)
                {
                    var sum = set.Sum(n => expected[n].GetValueOrDefault(u));
                    Assert.True(sum == counts[u], $"neuron {u} of {instance.Compute.RowCount}: count {counts[u]}, Σ W = {sum}, set of {set.Length}");
                    values.Add(counts[u]);
                }
                sizes.Add(set.Length);
            }
        }, maxTest: 150);
        // Every plane of the counter held a one in some count, and sets came in every size class.
        foreach (var plane in Enumerable.Range(0, 8))
        {
            Assert.True(values.Any(v => (v >> plane & 1) != 0), $"no count with bit {plane} set: plane {plane} never reached");
            Assert.True(sizes.Any(s => s >= 1 << plane && s < 2 << plane), $"no set of {1 << plane} to {(2 << plane) - 1} neurons");
        }
        Assert.Contains(0, sizes);
    }

    /// <summary>Which of the build's and the count's paths the generated layers reached, from the definition.</summary>
    private sealed class Coverage
    {
        private int _oneBlock, _severalBlocks, _fullLastBlock, _paddedLastBlock, _weightedColumns, _repeats, _emptyColumns, _largeExcess, _severalGroups, _fullGroup;

        public void Add(Instance instance, Dictionary<int, long>[] expected)
        {
            var rows = instance.Compute.RowCount;
            _oneBlock += rows <= 512 ? 1 : 0;
            _severalBlocks += rows > 512 ? 1 : 0;
            _fullLastBlock += rows % 512 == 0 ? 1 : 0;
            _paddedLastBlock += rows > 512 && rows % 512 != 0 ? 1 : 0;
            _weightedColumns += Enumerable.Range(0, instance.Compute.ColumnCount).Any(c => instance.Compute.Weights(c).ContainsAnyExcept(1)) ? 1 : 0;
            _repeats += expected.Any(c => c.Values.Any(v => v > 1)) ? 1 : 0;
            _emptyColumns += expected.Any(c => c.Count == 0) ? 1 : 0;
            _largeExcess += expected.Any(c => c.Values.Any(v => v > 256)) ? 1 : 0;
            _severalGroups += instance.Code.NeuronCount > 254 ? 1 : 0;
            _fullGroup += expected.SelectMany(c => c.Keys).GroupBy(row => row).Any(g => g.Count() >= 254) ? 1 : 0;
        }

        public void AssertEveryPath()
        {
            Assert.True(_oneBlock > 0, "no layer of one block");
            Assert.True(_severalBlocks > 0, "no layer of several blocks");
            Assert.True(_fullLastBlock > 0, "no layer whose last block is full");
            Assert.True(_paddedLastBlock > 0, "no layer of several blocks with a padded last one");
            Assert.True(_weightedColumns > 0, "no weighted column of M");
            Assert.True(_repeats > 0, "no entry of W above one");
            Assert.True(_emptyColumns > 0, "no empty column of W");
            Assert.True(_largeExcess > 0, "no excess clamped to a byte");
            Assert.True(_severalGroups > 0, "no layer whose row nonzeros are counted in several groups of 254 columns");
            Assert.True(_fullGroup > 0, "no row with 254 or more nonzeros");
        }
    }
}
