using Superposition.Datasets.Rows;
using Superposition.Datasets.Tests.Support;
using Superposition.Rows;
using Xunit;

namespace Superposition.Datasets.Tests;

/// <summary>
/// thresholds.parquet: committed with the cases as one generation, read back exactly (NaN threshold, null
/// case id), read by DuckDB, removed by a later commit without thresholds, and documented column by column.
/// </summary>
public sealed class ThresholdTableTests
{
    private static readonly ThresholdRow Found = new()
    {
        Sweep = "quickstart",
        Search = 0,
        Replicate = 1,
        ToolVersion = "1.0.0",
        SpecHash = "abc",
        Problem = "and",
        Graph = "random",
        InputCount = 10_000,
        OutputCount = 10_000,
        Sparsity = 3,
        InputDistribution = "uniform",
        Construction = "superposed-and",
        Parameter = "neuron_factor",
        Inputs = "sampled",
        SamplesPerProbe = 2000,
        Status = "found",
        Threshold = 1.640625,
        BracketLow = 1.625,
        BracketHigh = 1.640625,
        Tolerance = 0.025,
        Probes = 8,
        Monotone = true,
        ThresholdCaseId = "0123456789ab",
        NeuronCount = 8_123,
        ParameterCount = 1_234_567_890_123,
        RefNeuronsLower = 364.2,
        RefParametersLower = 132_877.1,
    };

    private static readonly ThresholdRow None = Found with
    {
        Search = 1,
        Status = "no_exact_value",
        Threshold = double.NaN,
        BracketLow = 11.5,
        BracketHigh = 11.5,
        Monotone = false,
        ThresholdCaseId = null,
        NeuronCount = 0,
        ParameterCount = 0,
    };

    private static async Task CommitAsync(string directory, IReadOnlyList<ThresholdRow>? thresholds)
    {
        await using var sink = ParquetDatasetSink.Create(directory, writeSamples: false);
        await sink.WriteAsync(ExampleRows.Ok, [], CancellationToken.None);
        if (thresholds is not null)
        {
            sink.AddThresholds(thresholds);
        }
        await sink.CommitAsync(ExampleRows.Manifest([ExampleRows.Ok]), CancellationToken.None);
    }

    [Fact]
    public async Task Thresholds_round_trip_exactly_in_the_commits_generation_and_DuckDB_reads_them()
    {
        using var directory = new TemporaryDirectory();
        await CommitAsync(directory.Root, [Found, None]).WaitAsync(Runs.Timeout);

        var dataset = await DatasetReader.ReadDatasetAsync(directory.Root).WaitAsync(Runs.Timeout);

        Assert.Equal([Found, None], dataset.Thresholds);
        Assert.Equal(["cases.parquet", "manifest.json", "thresholds.parquet"], directory.FileNames());
        var file = DuckDb.Literal(directory.PathOf("thresholds.parquet"));
        Assert.Equal(1L, DuckDb.Scalar($"SELECT count(*) FROM read_parquet({file}) WHERE isnan(threshold) AND threshold_case_id IS NULL"));
        Assert.Equal(1_234_567_890_123L, DuckDb.Scalar($"SELECT parameter_count FROM read_parquet({file}) WHERE status = 'found'"));
    }

    [Fact]
    public async Task A_later_commit_without_thresholds_removes_the_old_table()
    {
        using var directory = new TemporaryDirectory();
        await CommitAsync(directory.Root, [Found]).WaitAsync(Runs.Timeout);

        await CommitAsync(directory.Root, null).WaitAsync(Runs.Timeout);

        Assert.Equal(["cases.parquet", "manifest.json"], directory.FileNames());
        Assert.Empty((await DatasetReader.ReadDatasetAsync(directory.Root)).Thresholds);
    }

    [Fact]
    public void The_schema_document_lists_every_column_in_its_thresholds_section()
    {
        var doc = File.ReadAllText(Path.Combine(Superposition.Testing.RepositoryRoot.Path, "docs", "dataset-schema.md"));
        var section = doc[doc.IndexOf("## thresholds.parquet", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];

        Assert.All(ThresholdColumns.Table.Columns, column => Assert.Contains($"| `{column.Name}` |", section, StringComparison.Ordinal));
    }
}
