using System.Globalization;
using System.Reflection;
using Xunit;

namespace Superposition.Datasets.Tests.Support;

/// <summary>
/// Compares rows property by property through reflection, independently of the column tables under test.
/// Doubles compare by bits, except that any NaN equals any NaN; lists compare element-wise.
/// </summary>
public static class RowAssert
{
    /// <summary>The public properties of a row type in declaration order.</summary>
    public static PropertyInfo[] Properties<T>() => [.. typeof(T).GetProperties().OrderBy(property => property.MetadataToken)];

    public static void Equal<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual)
        where T : class
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var property in Properties<T>())
            {
                SameValue(property.GetValue(expected[i]), property.GetValue(actual[i]), $"row {i}, {property.Name}");
            }
        }
    }

    /// <summary>Asserts that a value read back (from our reader or from DuckDB, where SQL NULL is DBNull) is the one written.</summary>
    public static void SameValue(object? expected, object? actual, string where)
    {
        var equal = (expected, actual) switch
        {
            (null, null or DBNull) => true,
            (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y)),
            (int[] x, IEnumerable<int> y) => x.SequenceEqual(y),
            _ => Equals(expected, actual),
        };
        if (!equal)
        {
            Assert.Fail($"{where}: wrote {Show(expected)}, read {Show(actual)}");
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        IEnumerable<int> list => "[" + string.Join(", ", list) + "]",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => $"{value} ({value.GetType().Name})",
    };
}
