namespace Superposition.Datasets.Tests.Support;

/// <summary>Column names in order, and rows of values as DuckDB.NET returns them (DBNull for SQL NULL).</summary>
public sealed record QueryResult(string[] Names, List<object[]> Rows);
