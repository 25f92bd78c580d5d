using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>The README's snippets work: its DuckDB query runs on a dataset the run verb wrote.</summary>
[Collection("console")]
public partial class ReadmeTests
{
    [Fact]
    public async Task Readme_DuckDB_query_runs_on_a_run_dataset()
    {
        using var output = new TemporaryDirectory();
        Assert.Equal(0, await Program.InvokeAsync(["run", RepositoryFiles.Pipeline("ci-tiny.json"), "--out", output.Path]).WaitAsync(TimeSpan.FromMinutes(3)));
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "README.md"));
        var query = SqlBlock().Match(readme).Groups[1].Value
            .Replace("data/quickstart/cases.parquet", Path.Combine(output.Path, "ci-tiny", "cases.parquet"), StringComparison.Ordinal);

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            Assert.Equal(0L, reader.GetInt64(reader.GetOrdinal("wrong")));
        }
        Assert.Equal(12, rows);
    }

    [GeneratedRegex("```sql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
