using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// samples.parquet joins to cases.parquet on (sweep, case_id, replicate) across sweeps: case ids hash
/// the case, not the sweep or its seed, so two sweeps of one shape share every case id.
/// </summary>
[Collection("console")]
public class DatasetJoinTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private const string Sweep = """
        { "name": "NAME", "seed": SEED, "replicates": 2,
          "problem": { "kind": "and", "graph": "random", "input_count": 40, "output_count": 30, "sparsity": 3 },
          "axes": [ { "construction": ["superposed-and", "dedicated"] } ],
          "evaluation": { "samples": 60, "batch_size": 20 } }
        """;

    [Fact]
    public async Task A_glob_over_two_sweeps_joins_samples_to_their_own_cases()
    {
        using var directory = new TemporaryDirectory();
        var data = directory["data"];
        foreach (var (name, seed) in new[] { ("first", 1), ("second", 2) })
        {
            var spec = TestSpecs.Write(directory, name, Sweep.Replace("NAME", name, StringComparison.Ordinal).Replace("SEED", $"{seed}", StringComparison.Ordinal));
            var result = await InProcess.InvokeAsync("run", spec, "--out", data, "--samples").WaitAsync(Timeout);
            Assert.True(result.Exit == 0, result.Error);
        }
        var cases = $"read_parquet('{Path.Combine(data, "*", "cases*.parquet")}')";
        var samples = $"read_parquet('{Path.Combine(data, "*", "samples*.parquet")}')";

        // The situation the key is for: the same (case_id, replicate) in both sweeps, with different results.
        Assert.Equal(4L, DatasetFiles.DuckDbCount($"SELECT count(*) FROM (SELECT case_id, replicate FROM {cases} GROUP BY ALL HAVING count(DISTINCT sweep) = 2)"));
        Assert.True(DatasetFiles.DuckDbCount($"SELECT count(*) FROM {cases} a JOIN {cases} b USING (case_id, replicate) WHERE a.sweep < b.sweep AND a.seed <> b.seed") == 4);

        // Every sample finds exactly its own case row, and the joined counts are the case's own counts.
        Assert.Equal(8L * 60, DatasetFiles.DuckDbCount($"SELECT count(*) FROM {samples}"));
        Assert.Equal(8L * 60, DatasetFiles.DuckDbCount($"SELECT count(*) FROM {samples} s JOIN {cases} c USING (sweep, case_id, replicate)"));
        Assert.Equal(0L, DatasetFiles.DuckDbCount($"""
            SELECT count(*) FROM (
              SELECT c.sweep, c.case_id, c.replicate, any_value(c.samples) AS samples, any_value(c.samples - c.samples_correct) AS wrong,
                     count(*) AS joined, count(*) FILTER (WHERE NOT s.correct) AS joined_wrong,
                     any_value(c.false_positives) AS fp, sum(len(s.false_positive_outputs)) AS joined_fp
              FROM {samples} s JOIN {cases} c USING (sweep, case_id, replicate)
              GROUP BY ALL)
            WHERE joined <> samples OR joined_wrong <> wrong OR joined_fp <> fp
            """));
        // Without the sweep the same join pairs every sample with both sweeps' rows.
        Assert.Equal(2L * 8 * 60, DatasetFiles.DuckDbCount($"SELECT count(*) FROM {samples} s JOIN {cases} c USING (case_id, replicate)"));
    }
}
