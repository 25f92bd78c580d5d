using Parquet;
using Parquet.Schema;

namespace Superposition.Datasets.Rows;

/// <summary>
/// A UTF-8 string column. Required columns refuse nulls on both sides, so a null never reaches a
/// property the row type declares non-nullable; only optional columns (error) carry nulls.
/// </summary>
internal sealed class TextColumn<TRow>(string name, Property<TRow, string?> property, bool nullable) : Column<TRow>(name, property.Name)
    where TRow : class
{
    private readonly DataField<string> data = new(name, nullable);

    public override Field SchemaField => data;

    public override DataField Leaf => data;

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = new string[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = property.Get(rows[i]);
            if (value is null && !nullable)
            {
                throw new InvalidOperationException($"column '{Name}' is required, but row {i} has no value");
            }
            values[i] = value!; // the string overload is annotated non-null, but writes null into an optional column
        }
        return rowGroup.WriteAsync(data, values);
    }

    public override async ValueTask ReadAsync(ParquetRowGroupReader rowGroup, DataField leaf, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var values = new string?[rows.Count];
        await rowGroup.ReadAsync(leaf, values, cancellationToken: cancellationToken);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null && !nullable)
            {
                throw new InvalidDataException($"column '{Name}' is required, but row {i} is null");
            }
            property.Set(rows[i], values[i]);
        }
    }
}
