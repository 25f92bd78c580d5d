using Superposition.Cli.Tests.Support;
using Superposition.Datasets.Safetensors;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// <c>"construction": "file"</c>: a network file next to the spec runs in a sweep beside the built-in
/// constructions, with its resource counts and statistics in the dataset; plan-time errors name
/// params.path; a changed file is a new case.
/// </summary>
[Collection("console")]
public sealed class FileConstructionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    internal static string Spec(string path, string name = "imported") => $$"""
        { "name": "{{name}}", "seed": 4, "replicates": 2,
          "problem": { "kind": "and", "graph": "random", "input_count": {{UniversalAnd.Inputs}}, "output_count": {{UniversalAnd.Pairs.Length}}, "sparsity": {{UniversalAnd.Sparsity}} },
          "params": { "path": "{{path}}" },
          "axes": [
            { "construction": ["file", "dedicated"] },
            { "input_distribution": ["uniform", "with-true-pair"] }
          ],
          "evaluation": { "samples": 400, "batch_size": 100 } }
        """;

    [Fact]
    public async Task A_file_network_runs_in_a_sweep_with_its_counts_and_statistics()
    {
        using var directory = new TemporaryDirectory();
        Directory.CreateDirectory(directory["networks"]);
        UniversalAnd.File().Write(directory["networks/and.safetensors"]);
        var spec = TestSpecs.Write(directory, "imported", Spec("networks/and.safetensors"));
        var output = directory["out"];
        var exit = await Program.InvokeAsync(["run", spec, "--out", output]).WaitAsync(Timeout);
        Assert.Equal(0, exit);
        var rows = await DatasetFiles.CasesAsync(Path.Combine(output, "imported", "cases.parquet"));
        var file = rows.Where(r => r.Construction == "file").ToList();
        Assert.Equal(4, file.Count); // two distributions × two replicates
        Assert.Equal(4, rows.Count(r => r.Construction == "dedicated"));
        var network = UniversalAnd.Network();
        var hash = NetworkFiles.ContentHash(directory["networks/and.safetensors"]);
        foreach (var row in file)
        {
            Assert.Equal("ok", row.Status);
            Assert.Equal((network.Resources.NeuronCount, network.Resources.WeightCount, network.Resources.ParameterCount), (row.NeuronCount, row.WeightCount, row.ParameterCount));
            Assert.Equal("explicit", row.InputEncoding);
            Assert.Contains(hash, row.ConstructionParams, StringComparison.Ordinal);
            Assert.Equal(400, row.Samples);
            // The file's instance replaces the generated one, so its exact network makes no error.
            Assert.Equal(row.Samples, row.SamplesCorrect);
        }
        Assert.All(file, row => Assert.Equal(UniversalAnd.Pairs.Length, row.OutputCount));
        // The case id names the file's content; the built construction's ids are what they were without it.
        Assert.Equal(2, file.Select(r => r.CaseId).Distinct().Count());

        // export writes the file case's (layered) network in the layered format, with the spec's problem.
        var exported = directory["exported.safetensors"];
        Assert.Equal(0, (await InProcess.InvokeAsync("export", spec, "--case", file[0].CaseId, "--out", exported)).Exit);
        var read = NetworkFiles.Read(exported);
        Assert.Equal(LayeredNetworkFile.FormatName, read.Format);
        Assert.Equal(network.Resources, read.Network.Resources);

        // report draws it as a series of its own, beside the built construction.
        Assert.Equal(0, await Program.InvokeAsync(["report", Path.Combine(output, "imported")]).WaitAsync(Timeout));
        var summary = await File.ReadAllTextAsync(Path.Combine(output, "imported", "report", "summary.md"));
        var series = summary.Split('\n').Single(line => line.StartsWith("Series:", StringComparison.Ordinal));
        Assert.Contains("file", series, StringComparison.Ordinal);
        Assert.Contains("dedicated", series, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_file_is_a_new_case_and_a_bad_one_an_error_at_params_path()
    {
        using var directory = new TemporaryDirectory();
        UniversalAnd.File().Write(directory["and.safetensors"]);
        var spec = TestSpecs.Write(directory, "plan", Spec("and.safetensors", "plan"));
        var before = await PlanIdsAsync(spec);
        UniversalAnd.File(zeroedOutput: 1).Write(directory["and.safetensors"]);
        var after = await PlanIdsAsync(spec);
        Assert.NotEqual(before.Where(id => id.Contains("file", StringComparison.Ordinal)), after.Where(id => id.Contains("file", StringComparison.Ordinal)));
        Assert.Equal(before.Where(id => id.Contains("dedicated", StringComparison.Ordinal)), after.Where(id => id.Contains("dedicated", StringComparison.Ordinal)));

        var missing = TestSpecs.Write(directory, "missing", Spec("nowhere.safetensors", "missing"));
        var result = await InProcess.InvokeAsync("plan", missing);
        Assert.Equal(2, result.Exit);
        Assert.Contains("params.path", result.Error, StringComparison.Ordinal);
        Assert.Contains("no network file at", result.Error, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(directory["junk.safetensors"], [1, 2, 3]);
        var junk = TestSpecs.Write(directory, "junk", Spec("junk.safetensors", "junk"));
        result = await InProcess.InvokeAsync("plan", junk);
        Assert.Equal(2, result.Exit);
        Assert.Contains("too short", result.Error, StringComparison.Ordinal);

        var mismatched = TestSpecs.Write(directory, "mismatched", Spec("and.safetensors", "mismatched").Replace($"\"input_count\": {UniversalAnd.Inputs}", "\"input_count\": 12", StringComparison.Ordinal));
        result = await InProcess.InvokeAsync("plan", mismatched);
        Assert.Equal(2, result.Exit);
        Assert.Contains("but the spec's problem is and with m = 12", result.Error, StringComparison.Ordinal);
    }

    private static string CircuitSpec(string name, string construction, string axis) => $$"""
        { "name": "{{name}}", "seed": 7, "replicates": 1,
          "problem": { "kind": "circuit", "graph": "and-trees", "input_count": 80, "output_count": 10, "sparsity": 8, "depth": 3 },
          "construction": "{{construction}}",
          "axes": [ {{axis}}, { "input_distribution": ["uniform", "with-true-gate"] } ],
          "evaluation": { "samples": 300, "batch_size": 100 } }
        """;

    /// <summary>
    /// Depth-3 superposed-circuit networks of balanced trees, with and without re-thresholding (the second
    /// loses planted true outputs), exported and read back by a
    /// spec with construction file: every case of the file sweep has the counts and the evaluation
    /// outcomes (correct samples, false outputs, margins) of the case it was exported from.
    /// </summary>
    [Fact]
    public async Task Exported_circuit_networks_imported_with_the_file_construction_evaluate_the_same()
    {
        using var directory = new TemporaryDirectory();
        var built = TestSpecs.Write(directory, "built", CircuitSpec("built", "superposed-circuit", """{ "params.rethreshold": ["on", "off"] }"""));
        Assert.Equal(0, await Program.InvokeAsync(["run", built, "--out", directory["out"]]).WaitAsync(Timeout));
        var builtRows = await DatasetFiles.CasesAsync(Path.Combine(directory["out"], "built", "cases.parquet"));
        Assert.Equal(4, builtRows.Count);
        foreach (var rethreshold in new[] { "on", "off" })
        {
            var row = builtRows.First(r => r.ConstructionParams.Contains($"\"rethreshold\":\"{rethreshold}\"", StringComparison.Ordinal));
            Assert.Equal(0, (await InProcess.InvokeAsync("export", built, "--case", row.CaseId, "--out", directory[$"{rethreshold}.safetensors"])).Exit);
        }
        var imported = TestSpecs.Write(directory, "imported", CircuitSpec("imported", "file", """{ "params.path": ["on.safetensors", "off.safetensors"] }"""));
        Assert.Equal(0, await Program.InvokeAsync(["run", imported, "--out", directory["out"]]).WaitAsync(Timeout));
        var importedRows = await DatasetFiles.CasesAsync(Path.Combine(directory["out"], "imported", "cases.parquet"));
        Assert.Equal(4, importedRows.Count);
        Assert.Contains(builtRows, r => r.SamplesCorrect < r.Samples);
        Assert.Contains(builtRows, r => r.TrueOutputs > 0 && r.SamplesCorrect == r.Samples);
        foreach (var row in importedRows)
        {
            var rethreshold = row.ConstructionParams.Contains("on.safetensors", StringComparison.Ordinal) ? "on" : "off";
            var source = builtRows.Single(r => r.InputDistribution == row.InputDistribution && r.ConstructionParams.Contains($"\"rethreshold\":\"{rethreshold}\"", StringComparison.Ordinal));
            Assert.Equal("ok", row.Status);
            Assert.Equal(3, row.Depth);
            Assert.Equal(
                (source.NeuronCount, source.HiddenNeurons, source.WeightCount, source.ParameterCount),
                (row.NeuronCount, row.HiddenNeurons, row.WeightCount, row.ParameterCount));
            Assert.Equal(
                (source.Samples, source.SamplesCorrect, source.TrueOutputs, source.FalsePositives, source.FalseNegatives, source.MinTrueMargin, source.MaxFalseMargin),
                (row.Samples, row.SamplesCorrect, row.TrueOutputs, row.FalsePositives, row.FalseNegatives, row.MinTrueMargin, row.MaxFalseMargin));
        }

        var deeper = TestSpecs.Write(directory, "deeper", CircuitSpec("deeper", "file", """{ "params.path": ["on.safetensors"] }""").Replace("\"depth\": 3", "\"depth\": 2", StringComparison.Ordinal).Replace("and-trees", "random-layered", StringComparison.Ordinal));
        var result = await InProcess.InvokeAsync("plan", deeper);
        Assert.Equal(2, result.Exit);
        Assert.Contains("params.path", result.Error, StringComparison.Ordinal);
        Assert.Contains("depth 3, but the spec's problem has depth 2", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The `plan --all` lines (tab-separated, one per run) that name a case of the file or dedicated construction.</summary>
    private static async Task<List<string>> PlanIdsAsync(string spec)
    {
        var (output, exit) = await InProcess.CaptureAsync("plan", spec, "--all");
        Assert.Equal(0, exit);
        var lines = output.Split('\n').Where(line => line.Contains('\t', StringComparison.Ordinal) && (line.Contains("file", StringComparison.Ordinal) || line.Contains("dedicated", StringComparison.Ordinal))).Select(line => line.Trim()).ToList();
        Assert.Equal(8, lines.Count);
        return lines;
    }
}
