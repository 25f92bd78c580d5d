using Parquet;
using Parquet.Schema;

namespace Superposition.Datasets.Rows;

/// <summary>An optional primitive column (int32, uint64, double): null where the row has no value, such as the training columns of a constructed network.</summary>
internal sealed class OptionalValueColumn<TRow, T>(string name, Property<TRow, T?> property) : Column<TRow>(name, property.Name)
    where TRow : class
    where T : struct
{
    private readonly DataField<T?> data = new(name, nullable: true);

    public override Field SchemaField => data;

    public override DataField Leaf => data;

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var values = new T?[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = property.Get(rows[i]);
        }
        return rowGroup.WriteAsync<T>(data, values, cancellationToken: cancellationToken);
    }

    public override async ValueTask ReadAsync(ParquetRowGroupReader rowGroup, DataField leaf, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var values = new T?[rows.Count];
        await rowGroup.ReadAsync<T>(leaf, values, cancellationToken: cancellationToken);
        for (var i = 0; i < values.Length; i++)
        {
            property.Set(rows[i], values[i]);
        }
    }
}
