using FsCheck;
using FsCheck.Fluent;
using Superposition.Codes;
using Superposition.Networks;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The exact count of W = M · Dec (nnz per row and the distinct values of b_in · W) against the definition:
/// every row's sums per input neuron, entry by entry, in long. The count ORs codes into a bitmap and
/// sums only the neurons hit more than once; the generated matrices reach each of its paths: rows of one
/// weight and of several, neurons hit once, twice and many times (codes that share neurons), values above
/// the small-value flags, empty rows and codes, bitmaps of one word and of many, cleared whole or word by
/// word, row ranges of one row up to the whole matrix, codes of one width (packed one to a slot of one,
/// two, four, eight or more words) and of several, and columns whose rows ascend (transposed with
/// cursors) or not (scanned).
/// </summary>
public class WeightCountProperties
{
    private static readonly int[] WeightChoices = [1, 1, 1, 2, 3, 7, 5_000];

    private sealed record Instance(Code Code, ComputeMatrix Compute, long EntriesPerRange)
    {
        public override string ToString() =>
            $"n_in {Code.NeuronCount}, {Compute.ColumnCount} inputs, {Compute.RowCount} rows, {Compute.NonzeroCount} entries, range {EntriesPerRange}";
    }

    private static Gen<Instance> Instances() =>
        from seed in Gen.Choose(0, int.MaxValue)
        from neurons in Gen.Frequency((1, Gen.Choose(1, 64)), (2, Gen.Choose(65, 400)), (2, Gen.Choose(2_000, 5_000)))
        from columns in Gen.Choose(1, 60)
        from rows in Gen.Choose(1, 40)
        from uniformWidth in Gen.Elements(true, false)
        from range in Gen.Elements(1L, 7L, 50L, long.MaxValue)
        from rowsAscend in Gen.Elements(true, true, false)
        select Draw(new Rng(new Seed((ulong)seed)), neurons, columns, rows, uniformWidth, range, rowsAscend);

    /// <summary>
    /// A code whose features draw from a small pool of neurons half the time (so rows hit neurons many
    /// times), and a matrix whose rows are of one weight or mixed, dense or sparse, ascending in each
    /// column or in reverse. On 2,000 neurons or more, a code is half the time 9–50 neurons wide: of at most
    /// 13 bits, four or five to a word, it packs into two, four, eight or more words.
    /// </summary>
    private static Instance Draw(Rng rng, int neurons, int columns, int rows, bool uniformWidth, long range, bool rowsAscend)
    {
        var pool = 1 + rng.NextInt(Math.Min(neurons, 12));
        var width = neurons >= 2_000 && rng.NextInt(2) == 0 ? 9 + rng.NextInt(42) : rng.NextInt(Math.Min(neurons, 9));
        var offsets = new int[columns + 1];
        var codeNeurons = new List<int>();
        for (var c = 0; c < columns; c++)
        {
            var w = uniformWidth ? width : rng.NextInt(Math.Min(neurons, 9));
            var bound = rng.NextInt(2) == 0 ? Math.Max(pool, w) : neurons;
            var support = new int[w];
            Sampling.DistinctInRange(rng, 0, bound, support);
            Array.Sort(support);
            codeNeurons.AddRange(support);
            offsets[c + 1] = codeNeurons.Count;
        }
        var code = new Code(neurons, offsets, [.. codeNeurons]);

        var entries = new List<(int Column, int Row, int Weight)>();
        for (var u = 0; u < rows; u++)
        {
            var density = rng.NextDouble();
            var oneWeight = rng.NextInt(2) == 0 ? WeightChoices[rng.NextInt(WeightChoices.Length)] : 0;
            for (var c = 0; c < columns; c++)
            {
                if (rng.NextDouble() < density)
                {
                    entries.Add((c, u, oneWeight != 0 ? oneWeight : WeightChoices[rng.NextInt(WeightChoices.Length)]));
                }
            }
        }
        var sorted = (rowsAscend ? entries.OrderBy(e => e.Column).ThenBy(e => e.Row) : entries.OrderBy(e => e.Column).ThenByDescending(e => e.Row)).ToArray();
        var columnOffsets = new int[columns + 1];
        foreach (var (column, _, _) in sorted)
        {
            columnOffsets[column + 1]++;
        }
        for (var c = 0; c < columns; c++)
        {
            columnOffsets[c + 1] += columnOffsets[c];
        }
        var compute = new ComputeMatrix(rows, columnOffsets, [.. sorted.Select(e => e.Row)], [.. sorted.Select(e => e.Weight)]);
        return new Instance(code, compute, range);
    }

    /// <summary>Row by row: the sum per input neuron of weight over every entry whose code holds it.</summary>
    private static Dictionary<int, long>[] DefinitionRows(Instance instance)
    {
        var rows = Enumerable.Range(0, instance.Compute.RowCount).Select(_ => new Dictionary<int, long>()).ToArray();
        for (var c = 0; c < instance.Compute.ColumnCount; c++)
        {
            var entryRows = instance.Compute.Rows(c);
            var weights = instance.Compute.Weights(c);
            for (var k = 0; k < entryRows.Length; k++)
            {
                foreach (var neuron in instance.Code.Support(c))
                {
                    rows[entryRows[k]][neuron] = rows[entryRows[k]].GetValueOrDefault(neuron) + weights[k];
                }
            }
        }
        return rows;
    }

    [Fact]
    public void Row_counts_and_values_equal_the_definition()
    {
        var seen = new Coverage();
        PropertyCheck.Run(Instances(), instance =>
        {
            var expected = DefinitionRows(instance);
            var (nonzeros, values) = ResourceCounting.CountRows(instance.Code, instance.Compute, instance.EntriesPerRange);

            Assert.Equal(expected.Select(row => row.Count), nonzeros);
            Assert.Equal(expected.SelectMany(row => row.Values).Select(v => (int)v).ToHashSet().Order(), values.Order());
            seen.Add(instance, expected);
        }, maxTest: 300);
        seen.AssertEveryPath();
    }

    [Fact]
    public void Transposing_range_by_range_with_cursors_equals_the_whole_transpose()
    {
        PropertyCheck.Run(Instances(), instance =>
        {
            var compute = instance.Compute;
            var (offsets, columns, weights) = compute.Transpose();
            var cursors = compute.NewRangeCursors();
            var ascending = Enumerable.Range(0, compute.ColumnCount).All(c => compute.Rows(c).ToArray().SequenceEqual(compute.Rows(c).ToArray().Order()));
            Assert.Equal(ascending, cursors is not null);
            var lengths = compute.RowLengths();
            var step = 1 + (int)Math.Min(compute.RowCount, instance.EntriesPerRange % 13);
            var (rangeOffsets, rangeColumns, rangeWeights) = (new int[compute.RowCount + 1], new int[compute.NonzeroCount], new int[compute.NonzeroCount]);
            for (var start = 0; start < compute.RowCount; start += step)
            {
                var end = Math.Min(compute.RowCount, start + step);
                compute.TransposeInto(start, end, lengths, rangeOffsets, rangeColumns, rangeWeights, cursors);
                var (from, to) = (offsets[start], offsets[end]);
                Assert.Equal(offsets.AsSpan(start, end - start + 1).ToArray().Select(o => o - from), rangeOffsets.AsSpan(0, end - start + 1).ToArray());
                Assert.Equal(columns.AsSpan(from, to - from).ToArray(), rangeColumns.AsSpan(0, to - from).ToArray());
                Assert.Equal(weights.AsSpan(from, to - from).ToArray(), rangeWeights.AsSpan(0, to - from).ToArray());
            }
        }, maxTest: 200);
    }

    /// <summary>Which of the count's paths the generated instances reached, from the definition's own rows.</summary>
    private sealed class Coverage
    {
        private int _uniformRepeated, _mixedRepeated, _hitManyTimes, _largeValues, _emptyRows, _wholeClears, _wordClears, _manyWords, _severalRanges;
        private int _unpacked, _scanned, _cursorRanges;
        private readonly HashSet<int> _slotWords = [];

        public void Add(Instance instance, Dictionary<int, long>[] expected)
        {
            var words = (instance.Code.NeuronCount + 63) / 64;
            _manyWords += words > 8 ? 1 : 0;
            var severalRanges = instance.EntriesPerRange < instance.Compute.NonzeroCount;
            _severalRanges += severalRanges ? 1 : 0;
            using (var packed = PackedCodes.Pack(instance.Code))
            {
                _unpacked += packed is null ? 1 : 0;
                _slotWords.Add(packed is null ? 0 : Math.Min(packed.WordsPerSlot, 16));
            }
            var cursors = instance.Compute.NewRangeCursors() is not null;
            _scanned += cursors ? 0 : 1;
            _cursorRanges += cursors && severalRanges ? 1 : 0;
            var (offsets, columns, weights) = instance.Compute.Transpose();
            for (var u = 0; u < instance.Compute.RowCount; u++)
            {
                var rowWeights = weights.AsSpan(offsets[u], offsets[u + 1] - offsets[u]);
                var hits = 0;
                foreach (var column in columns.AsSpan(offsets[u], offsets[u + 1] - offsets[u]))
                {
                    hits += instance.Code.Width(column);
                }
                var repeated = hits > expected[u].Count;
                var uniform = rowWeights.Length > 0 && !rowWeights.ContainsAnyExcept(rowWeights[0]);
                _emptyRows += rowWeights.IsEmpty ? 1 : 0;
                _uniformRepeated += uniform && repeated ? 1 : 0;
                _mixedRepeated += !uniform && repeated ? 1 : 0;
                _largeValues += expected[u].Values.Any(v => v >= 4_096) ? 1 : 0;
                _hitManyTimes += hits >= expected[u].Count + 2 ? 1 : 0;
                _wholeClears += rowWeights.Length > 0 && (long)hits * 4 >= words ? 1 : 0;
                _wordClears += rowWeights.Length > 0 && (long)hits * 4 < words ? 1 : 0;
            }
        }

        public void AssertEveryPath()
        {
            Assert.True(_uniformRepeated > 0, "no row of one weight hit a neuron twice");
            Assert.True(_mixedRepeated > 0, "no row of mixed weights hit a neuron twice");
            Assert.True(_hitManyTimes > 0, "no row hit neurons more than twice");
            Assert.True(_largeValues > 0, "no value above the small-value flags");
            Assert.True(_emptyRows > 0, "no empty row");
            Assert.True(_wholeClears > 0 && _wordClears > 0, $"bitmap clears: {_wholeClears} whole, {_wordClears} word by word");
            Assert.True(_manyWords > 0, "no bitmap of more than eight words");
            Assert.True(_severalRanges > 0, "no instance counted in several row ranges");
            Assert.True(_unpacked > 0, "no code of several widths (the unpacked walk)");
            Assert.True(_slotWords.IsSupersetOf([1, 2, 4, 8, 16]), $"packed slots of {string.Join(", ", _slotWords.Order())} words");
            Assert.True(_scanned > 0 && _cursorRanges > 0, $"{_scanned} matrices scanned per range, {_cursorRanges} transposed with cursors over several ranges");
        }
    }
}
