using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace Superposition.Datasets.Rows;

/// <summary>
/// A list&lt;int32&gt; column in the standard three-level LIST layout, which pandas, Polars and DuckDB read as
/// a list. Parquet stores it flat: one (repetition, definition) level pair per element, and one pair for an
/// empty list; repetition 0 starts a row. The list itself is optional in the schema (Parquet.Net's list
/// field always is) but never written null: an empty array is an empty list.
/// </summary>
internal sealed class IntListColumn<TRow> : Column<TRow>
    where TRow : class
{
    private readonly Property<TRow, int[]> property;
    private readonly DataField<int> item = new("element", nullable: false);
    private readonly ListField list;

    public IntListColumn(string name, Property<TRow, int[]> property)
        : base(name, property.Name)
    {
        this.property = property;
        list = new ListField(name, item);
    }

    public override Field SchemaField => list;

    public override DataField Leaf => item;

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var lists = new int[rows.Count][];
        var levelCount = 0;
        var valueCount = 0;
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = property.Get(rows[i]) ?? throw new InvalidOperationException($"column '{Name}' is required, but row {i} has no list");
            valueCount += lists[i].Length;
            levelCount += Math.Max(1, lists[i].Length);
        }
        var present = item.MaxDefinitionLevel;
        var values = new int[valueCount];
        var definitions = new int[levelCount];
        var repetitions = new int[levelCount];
        int level = 0, value = 0;
        foreach (var elements in lists)
        {
            if (elements.Length == 0)
            {
                definitions[level++] = present - 1;
                continue;
            }
            for (var k = 0; k < elements.Length; k++)
            {
                repetitions[level] = k == 0 ? 0 : item.MaxRepetitionLevel;
                definitions[level++] = present;
                values[value++] = elements[k];
            }
        }
        return rowGroup.WriteAllPartsAsync<int>(item, values, definitions, repetitions, cancellationToken);
    }

    public override async ValueTask ReadAsync(ParquetRowGroupReader rowGroup, DataField leaf, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        using var raw = await rowGroup.ReadRawColumnDataBaseAsync(leaf, cancellationToken);
        var lists = Assemble((RawColumnData<int>)raw, leaf.MaxDefinitionLevel, rows.Count);
        for (var i = 0; i < lists.Length; i++)
        {
            property.Set(rows[i], lists[i]);
        }
    }

    /// <summary>Rebuilds one array per row from the flat levels; values are packed, one per present element.</summary>
    private int[][] Assemble(RawColumnData<int> raw, int present, int rowCount)
    {
        ReadOnlySpan<int> definitions = raw.DefinitionLevels;
        ReadOnlySpan<int> repetitions = raw.RepetitionLevels;
        ReadOnlySpan<int> values = raw.Values;
        var lists = new int[rowCount][];
        var current = new List<int>();
        int row = -1, value = 0;
        for (var level = 0; level < definitions.Length; level++)
        {
            if (repetitions[level] == 0)
            {
                if (row >= 0)
                {
                    lists[row] = [.. current];
                }
                row++;
                current.Clear();
            }
            if (definitions[level] == present)
            {
                current.Add(values[value++]);
            }
            else if (repetitions[level] != 0)
            {
                throw new InvalidDataException($"column '{Name}' holds a null list element, which this schema does not allow");
            }
        }
        if (row >= 0)
        {
            lists[row] = [.. current];
        }
        if (row + 1 != rowCount)
        {
            throw new InvalidDataException($"column '{Name}' has {row + 1} lists for {rowCount} rows");
        }
        return lists;
    }
}
