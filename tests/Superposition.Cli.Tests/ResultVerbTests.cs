using DuckDB.NET.Data;
using Superposition.Cli.Tests.Support;
using Superposition.Datasets.Safetensors;
using Xunit;

namespace Superposition.Cli.Tests;

[Collection("console")]
public class ResultVerbTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Report_writes_plots_and_a_summary_for_a_run_dataset()
    {
        using var output = new TemporaryDirectory();
        Assert.Equal(0, await Program.InvokeAsync(["run", RepositoryFiles.Pipeline("ci-tiny.json"), "--out", output.Path]).WaitAsync(Timeout));
        var dataset = Path.Combine(output.Path, "ci-tiny");

        Assert.Equal(0, await Program.InvokeAsync(["report", dataset]).WaitAsync(Timeout));

        var report = Path.Combine(dataset, "report");
        Assert.True(new FileInfo(Path.Combine(report, "neurons.png")).Length > 10_000);
        Assert.Contains("superposed-and", await File.ReadAllTextAsync(Path.Combine(report, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_exits_2_for_a_directory_without_a_dataset()
    {
        using var output = new TemporaryDirectory();
        Assert.Equal(2, await Program.InvokeAsync(["report", output.Path]).WaitAsync(Timeout));
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }

    [Fact]
    public async Task Bounds_writes_a_table_DuckDB_reads()
    {
        using var output = new TemporaryDirectory();
        var file = Path.Combine(output.Path, "bounds.parquet");
        Assert.Equal(0, await Program.InvokeAsync(["bounds", "--pairs", "1e3,1e4,100000", "--out", file]).WaitAsync(Timeout));

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*)::BIGINT FROM read_parquet('{file}')";
        Assert.Equal(3L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Bounds_exits_2_for_a_bad_list() =>
        Assert.Equal(2, await Program.InvokeAsync(["bounds", "--pairs", "1e3,abc,-4"]).WaitAsync(Timeout));

    [Fact]
    public async Task Export_writes_the_case_network_as_safetensors()
    {
        using var output = new TemporaryDirectory();
        var spec = RepositoryFiles.Pipeline("ci-tiny.json");
        var parsed = Assert.IsType<Superposition.Specs.SpecParseResult.Parsed>(Superposition.Specs.SpecParser.Parse(await File.ReadAllTextAsync(spec)));
        var runCase = Superposition.Sweeps.SweepExpansion.Expand(parsed.Spec).First(c => c.ConstructionName == "superposed-and");
        var file = Path.Combine(output.Path, "net.safetensors");

        Assert.Equal(0, await Program.InvokeAsync(["export", spec, "--case", runCase.CaseId.Value, "--out", file]).WaitAsync(Timeout));

        var exported = SafetensorsFile.Read(file);
        Assert.Equal(runCase.CaseId.Value, exported.Metadata["case_id"]);
        Assert.Equal(parsed.Spec.Text, exported.Metadata["spec"]);
        Assert.Equal(2, await Program.InvokeAsync(["export", spec, "--case", "nope", "--out", Path.Combine(output.Path, "x.safetensors")]).WaitAsync(Timeout));
        Assert.False(File.Exists(Path.Combine(output.Path, "x.safetensors")));
    }
}
