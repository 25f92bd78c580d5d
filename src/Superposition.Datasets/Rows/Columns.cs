using System.Linq.Expressions;

namespace Superposition.Datasets.Rows;

/// <summary>
/// Builds the columns of one row type, so that a table line reads as (name, type, property):
/// <c>Columns&lt;CaseRow&gt;.Value("seed", row =&gt; row.Seed)</c>.
/// </summary>
internal static class Columns<TRow>
    where TRow : class
{
    public static Column<TRow> Value<T>(string name, Expression<Func<TRow, T>> property)
        where T : struct => new ValueColumn<TRow, T>(name, Property<TRow, T>.Of(property));

    public static Column<TRow> OptionalValue<T>(string name, Expression<Func<TRow, T?>> property)
        where T : struct => new OptionalValueColumn<TRow, T>(name, Property<TRow, T?>.Of(property));

    public static Column<TRow> Text(string name, Expression<Func<TRow, string?>> property) =>
        new TextColumn<TRow>(name, Property<TRow, string?>.Of(property), nullable: false);

    public static Column<TRow> OptionalText(string name, Expression<Func<TRow, string?>> property) =>
        new TextColumn<TRow>(name, Property<TRow, string?>.Of(property), nullable: true);

    public static Column<TRow> IntList(string name, Expression<Func<TRow, int[]>> property) =>
        new IntListColumn<TRow>(name, Property<TRow, int[]>.Of(property));
}
