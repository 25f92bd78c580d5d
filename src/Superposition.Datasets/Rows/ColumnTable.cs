using System.Collections.Immutable;
using Parquet;
using Parquet.Schema;

namespace Superposition.Datasets.Rows;

/// <summary>
/// The columns of one Parquet table in file order, with the schema built from them once. Writing and
/// reading both walk this list, so the file layout is defined in exactly one place per table.
/// </summary>
internal sealed class ColumnTable<TRow>
    where TRow : class, new()
{
    public ColumnTable(string table, ImmutableArray<Column<TRow>> columns)
    {
        Table = table;
        Columns = columns;
        Schema = new ParquetSchema(columns.Select(column => column.SchemaField));
    }

    /// <summary>The table's name as used in messages and the manifest ("cases", "samples").</summary>
    public string Table { get; }

    public ImmutableArray<Column<TRow>> Columns { get; }

    public ParquetSchema Schema { get; }

    /// <summary>Opens a writer for this table on <paramref name="output"/>, with the schema version in the file metadata.</summary>
    public async Task<ParquetWriter> CreateWriterAsync(Stream output, CancellationToken cancellationToken)
    {
        var writer = await ParquetWriter.CreateAsync(Schema, output, cancellationToken: cancellationToken);
        writer.CustomMetadata = new Dictionary<string, string> { [DatasetSchema.VersionKey] = DatasetSchema.Version };
        return writer;
    }

    /// <summary>Writes <paramref name="rows"/> as one row group.</summary>
    public async Task WriteRowGroupAsync(ParquetWriter writer, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        using var rowGroup = writer.CreateRowGroup();
        foreach (var column in Columns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await column.WriteAsync(rowGroup, rows, cancellationToken);
        }
        rowGroup.CompleteValidate();
    }

    /// <summary>Reads every row group of a file written with this table (checking its version and columns).</summary>
    public async Task<IReadOnlyList<TRow>> ReadAsync(ParquetReader reader, CancellationToken cancellationToken)
    {
        var version = reader.CustomMetadata.GetValueOrDefault(DatasetSchema.VersionKey);
        if (version != DatasetSchema.Version)
        {
            throw new InvalidDataException($"{Table}: {DatasetSchema.VersionKey} is '{version ?? "(missing)"}', this reader reads '{DatasetSchema.Version}'");
        }
        var leaves = Columns.Select(column => FileLeaf(reader.Schema, column)).ToArray();
        var rows = new List<TRow>();
        for (var index = 0; index < reader.RowGroupCount; index++)
        {
            using var rowGroup = reader.OpenRowGroupReader(index);
            var group = new TRow[checked((int)rowGroup.RowCount)];
            for (var i = 0; i < group.Length; i++)
            {
                group[i] = new TRow();
            }
            for (var c = 0; c < Columns.Length; c++)
            {
                if (leaves[c] is { } leaf)
                {
                    await Columns[c].ReadAsync(rowGroup, leaf, group, cancellationToken);
                }
            }
            rows.AddRange(group);
        }
        return rows;
    }

    /// <summary>The file's own leaf field for <paramref name="column"/>, with the type this table wrote; null for a column an older file may lack.</summary>
    private DataField? FileLeaf(ParquetSchema fileSchema, Column<TRow> column)
    {
        var path = column.Leaf.Path.ToString();
        var leaf = fileSchema.DataFields.FirstOrDefault(field => field.Path.ToString() == path);
        if (leaf is null)
        {
            return column.MayBeAbsent ? null : throw new InvalidDataException($"{Table}: column '{column.Name}' is missing");
        }
        if (leaf.ClrType != column.Leaf.ClrType || leaf.MaxRepetitionLevel != column.Leaf.MaxRepetitionLevel)
        {
            throw new InvalidDataException($"{Table}: column '{column.Name}' holds {leaf.ClrType.Name}, expected {column.Leaf.ClrType.Name}");
        }
        return leaf;
    }
}
