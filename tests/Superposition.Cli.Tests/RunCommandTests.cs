using DuckDB.NET.Data;
using Superposition.Cli.Tests.Support;
using Superposition.Datasets;
using Superposition.Pipeline;
using Superposition.Rows;
using Superposition.Specs;
using Superposition.Sweeps;
using Xunit;

namespace Superposition.Cli.Tests;

[Collection("console")]
public class RunCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_writes_a_dataset_that_DuckDB_reads_back_with_the_pipeline_values()
    {
        using var output = new TemporaryDirectory();
        var exit = await Program.InvokeAsync(["run", RepositoryFiles.Pipeline("ci-tiny.json"), "--out", output.Path]).WaitAsync(Timeout);
        Assert.Equal(0, exit);

        var expected = await ExpectedRowsAsync("ci-tiny.json");
        var file = Path.Combine(output.Path, "ci-tiny", "cases.parquet");
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT case_id, replicate, construction, output_count, neuron_count, weight_count, samples, samples_correct, false_positives, false_negatives, status, input_distribution, instance_bits FROM read_parquet('{file}')";
        using var reader = command.ExecuteReader();
        var actual = new List<(string, int, string, int, long, long, long, long, long, long, string, string, double)>();
        while (reader.Read())
        {
            actual.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetString(10), reader.GetString(11), reader.GetDouble(12)));
        }
        Assert.Equal(
            expected.Select(r => (r.CaseId, r.Replicate, r.Construction, r.OutputCount, r.NeuronCount, r.WeightCount, r.Samples, r.SamplesCorrect, r.FalsePositives, r.FalseNegatives, r.Status, r.InputDistribution, r.InstanceBits)),
            actual);
        Assert.True(File.Exists(Path.Combine(output.Path, "ci-tiny", "manifest.json")));
    }

    [Fact]
    public async Task Run_gives_the_same_dataset_whatever_the_parallelism()
    {
        using var output = new TemporaryDirectory();
        var one = Path.Combine(output.Path, "one");
        var three = Path.Combine(output.Path, "three");
        Assert.Equal(0, await Program.InvokeAsync(["run", RepositoryFiles.Pipeline("ci-tiny.json"), "--out", one, "--parallelism", "1", "--samples"]).WaitAsync(Timeout));
        Assert.Equal(0, await Program.InvokeAsync(["run", RepositoryFiles.Pipeline("ci-tiny.json"), "--out", three, "--parallelism", "3", "--samples"]).WaitAsync(Timeout));

        var first = await DatasetReader.ReadCasesAsync(Path.Combine(one, "ci-tiny", "cases.parquet"));
        var second = await DatasetReader.ReadCasesAsync(Path.Combine(three, "ci-tiny", "cases.parquet"));
        Assert.Equal(first.Select(WithoutTiming), second.Select(WithoutTiming));
        var firstSamples = await DatasetReader.ReadSamplesAsync(Path.Combine(one, "ci-tiny", "samples.parquet"));
        var secondSamples = await DatasetReader.ReadSamplesAsync(Path.Combine(three, "ci-tiny", "samples.parquet"));
        Assert.Equal(
            firstSamples.Select(s => (s.CaseId, s.Replicate, s.SampleIndex, string.Join(',', s.ActiveInputs), string.Join(',', s.FalsePositiveOutputs), s.Correct)),
            secondSamples.Select(s => (s.CaseId, s.Replicate, s.SampleIndex, string.Join(',', s.ActiveInputs), string.Join(',', s.FalsePositiveOutputs), s.Correct)));
    }

    [Fact]
    public async Task Run_exits_2_and_writes_nothing_for_an_invalid_spec()
    {
        using var output = new TemporaryDirectory();
        var spec = Path.Combine(output.Path, "bad.json");
        await File.WriteAllTextAsync(spec, """
            { "name": "bad", "seed": 1, "problem": { "kind": "and", "graph": "random", "input_count": 10, "output_count": 100, "sparsity": 0 },
              "construction": "superposed-nad", "evaluation": { "samples": 10, "batch_size": 5 } }
            """);
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, await Program.InvokeAsync(["run", spec, "--out", Path.Combine(output.Path, "data")]).WaitAsync(Timeout));
        }
        finally
        {
            Console.SetError(previous);
        }
        Assert.False(Directory.Exists(Path.Combine(output.Path, "data")));
        Assert.Contains("superposed-and", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("sparsity", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_lists_the_cases_of_every_spec_in_pipelines_and_runs_nothing()
    {
        foreach (var spec in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "pipelines"), "*.json"))
        {
            Assert.Equal(0, await Program.InvokeAsync(["plan", spec]).WaitAsync(Timeout));
        }
    }

    private static CaseRow WithoutTiming(CaseRow row) => row with { BuildSeconds = 0, EvalSeconds = 0, SamplesPerSecond = 0, TrainingSeconds = row.TrainingSeconds is null ? null : 0 };

    /// <summary>What the pipeline computes for a spec, straight from SweepRunner into memory.</summary>
    private static async Task<IReadOnlyList<CaseRow>> ExpectedRowsAsync(string name)
    {
        var parsed = Assert.IsType<SpecParseResult.Parsed>(SpecParser.Parse(await File.ReadAllTextAsync(RepositoryFiles.Pipeline(name))));
        var sink = new MemorySink();
        await SweepRunner.RunAsync(SweepExpansion.Expand(parsed.Spec), sink, new RunOptions(2, false, false, new RowMapping.RunInfo("test", parsed.Spec.Hash)), null, CancellationToken.None);
        return sink.Rows;
    }

    private sealed class MemorySink : IDatasetSink
    {
        public List<CaseRow> Rows { get; } = [];

        public ValueTask WriteAsync(CaseRow row, IReadOnlyList<SampleRow> samples, CancellationToken cancellationToken)
        {
            Rows.Add(row);
            return ValueTask.CompletedTask;
        }

        public ValueTask CommitAsync(RunManifest manifest, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
