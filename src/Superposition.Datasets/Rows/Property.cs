using System.Linq.Expressions;
using System.Reflection;

namespace Superposition.Datasets.Rows;

/// <summary>
/// Getter and setter of one row property, taken from a selector such as <c>row =&gt; row.Seed</c>. The
/// setter calls the property's init accessor after construction: the reader fills rows column by column,
/// and going through the accessor keeps the column table the only place that names each property.
/// </summary>
internal sealed record Property<TRow, T>(string Name, Func<TRow, T> Get, Action<TRow, T> Set)
{
    public static Property<TRow, T> Of(Expression<Func<TRow, T>> selector)
    {
        if (selector.Body is not MemberExpression { Member: PropertyInfo property }
            || property.PropertyType != typeof(T)
            || property.GetMethod is null
            || property.SetMethod is null)
        {
            throw new ArgumentException($"'{selector}' must select a property of type {typeof(T).Name} with a getter and a setter", nameof(selector));
        }
        return new Property<TRow, T>(
            property.Name,
            property.GetMethod.CreateDelegate<Func<TRow, T>>(),
            property.SetMethod.CreateDelegate<Action<TRow, T>>());
    }
}
