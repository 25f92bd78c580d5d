using Parquet;
using Parquet.Schema;

namespace Superposition.Datasets.Rows;

/// <summary>
/// One Parquet column of a row type: its schema entry, how to write it from rows and how to read it back
/// into rows. A table is a list of these, so the writer and the reader are inverse by construction.
/// </summary>
internal abstract class Column<TRow>(string name, string propertyName)
    where TRow : class
{
    /// <summary>The snake_case column name.</summary>
    public string Name { get; } = name;

    /// <summary>The row property the column holds (checked against <see cref="Name"/> by tests).</summary>
    public string PropertyName { get; } = propertyName;

    /// <summary>
    /// True for a column added to its table after files of the same schema version were written (adding
    /// a column does not change the version): such a file still reads, the row keeping the property's
    /// default.
    /// </summary>
    public bool MayBeAbsent { get; private set; }

    /// <summary>Marks the column as <see cref="MayBeAbsent"/>; returns it, for use inside a table's list.</summary>
    public Column<TRow> AbsentFromOlderFiles()
    {
        MayBeAbsent = true;
        return this;
    }

    /// <summary>What goes into the schema: the data field, or the list field of a list column.</summary>
    public abstract Field SchemaField { get; }

    /// <summary>The leaf that holds the values: the data field itself, or the item of a list.</summary>
    public abstract DataField Leaf { get; }

    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken);

    /// <summary>Reads the column from <paramref name="leaf"/> (the file's own field) into <paramref name="rows"/>.</summary>
    public abstract ValueTask ReadAsync(ParquetRowGroupReader rowGroup, DataField leaf, IReadOnlyList<TRow> rows, CancellationToken cancellationToken);
}
