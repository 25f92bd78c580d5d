using DuckDB.NET.Data;

namespace Superposition.Datasets.Tests.Support;

/// <summary>Runs a query in a fresh in-process DuckDB: the independent reader the dataset contract is checked against.</summary>
public static class DuckDb
{
    public static QueryResult Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }
        return new QueryResult(names, rows);
    }

    public static object Scalar(string sql) => Query(sql).Rows.Single().Single();

    /// <summary>A path as a SQL string literal.</summary>
    public static string Literal(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
