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

    /// <summary>Trained and constructed networks come from sweeps of their own; one report over both datasets draws trained.png.</summary>
    [Fact]
    public async Task Report_over_several_datasets_compares_trained_and_constructed_networks()
    {
        using var output = new TemporaryDirectory();
        const string problem = "\"problem\": { \"kind\": \"and\", \"graph\": \"complete\", \"input_count\": 12, \"output_count\": 66, \"sparsity\": 2 }, \"evaluation\": { \"samples\": 200 }";
        var trained = Path.Combine(output.Path, "trained.json");
        var constructed = Path.Combine(output.Path, "constructed.json");
        await File.WriteAllTextAsync(trained, $"{{ \"name\": \"t\", \"seed\": 3, {problem}, \"construction\": \"trained\", \"params\": {{ \"steps\": 20 }}, \"axes\": [ {{ \"params.hidden_width\": [4, 8] }} ] }}");
        await File.WriteAllTextAsync(constructed, $"{{ \"name\": \"c\", \"seed\": 3, {problem}, \"construction\": \"dedicated\" }}");
        Assert.Equal(0, await Program.InvokeAsync(["run", trained, "--out", output.Path]).WaitAsync(Timeout));
        Assert.Equal(0, await Program.InvokeAsync(["run", constructed, "--out", output.Path]).WaitAsync(Timeout));
        var report = Path.Combine(output.Path, "both");

        Assert.Equal(0, await Program.InvokeAsync(["report", Path.Combine(output.Path, "t"), Path.Combine(output.Path, "c"), "--out", report]).WaitAsync(Timeout));

        Assert.True(new FileInfo(Path.Combine(report, "trained.png")).Length > 10_000);
        var summary = await File.ReadAllTextAsync(Path.Combine(report, "summary.md"));
        Assert.Contains("## Trained against constructed", summary, StringComparison.Ordinal);
        Assert.Contains("| dedicated | 66 |", summary, StringComparison.Ordinal);
        Assert.Contains("| trained | 8 |", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_over_several_datasets_exits_2_and_writes_nothing_when_one_is_not_a_dataset()
    {
        using var output = new TemporaryDirectory();
        Assert.Equal(0, await Program.InvokeAsync(["run", RepositoryFiles.Pipeline("ci-tiny.json"), "--out", output.Path]).WaitAsync(Timeout));
        var empty = Directory.CreateDirectory(Path.Combine(output.Path, "empty")).FullName;
        var report = Path.Combine(output.Path, "report");

        Assert.Equal(2, await Program.InvokeAsync(["report", Path.Combine(output.Path, "ci-tiny"), empty, "--out", report]).WaitAsync(Timeout));

        Assert.False(Directory.Exists(report));
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
