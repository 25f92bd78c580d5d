using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Superposition.Datasets.Safetensors;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace Superposition.Datasets.Tests.Safetensors;

/// <summary>
/// Runs the standard-library Python snippet of docs/interop.md, copied from the page itself, on
/// exported files, so the page cannot drift from the format. Needs python3 on the path; without it
/// the test reports that it checked nothing (xunit 2 has no runtime skip).
/// </summary>
public class InteropSnippetTests(ITestOutputHelper output)
{
    private const string Marker = "# interop: stdlib evaluator";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("superposed-and", "superposed")]
    [InlineData("superposed-and", "explicit")]
    [InlineData("random-and", "superposed")]
    [InlineData("representation", "auto")]
    public void Stdlib_snippet_in_interop_doc_matches_FactoredEvaluator(string construction, string encoding)
    {
        if (!Python.Value)
        {
            output.WriteLine("python3 is not on the path: the snippet was not run");
            return;
        }
        var network = NetworkExportTests.Build(construction, encoding: encoding);
        using var script = new TemporaryFile();
        File.WriteAllText(script.Path, Snippet());
        using var exported = new TemporaryFile();
        NetworkExport.Write(network, exported.Path, new Dictionary<string, string>());

        var scratch = new EvaluationScratch(network);
        var samples = new List<int[]>();
        var expectedDecoded = new List<int[]>();
        foreach (var distribution in new[] { InputDistributions.WithTruePair, InputDistributions.Uniform, InputDistributions.UpTo })
        {
            var batch = InputSamplers.Batch(network.Problem, distribution, 0, 4, new Seed(5).Derive(distribution));
            var outcome = FactoredEvaluator.Evaluate(network, batch, scratch);
            for (var k = 0; k < batch.Count; k++)
            {
                samples.Add((network.InputEncoding == InputEncoding.Targets ? batch.Truth(k) : batch.Active(k)).ToArray());
                expectedDecoded.Add(outcome.DecodedOutputs(k).ToArray());
            }
        }

        var lines = Run(script.Path, exported.Path, samples);
        Assert.Equal(samples.Count, lines.Length);
        for (var k = 0; k < samples.Count; k++)
        {
            using var result = JsonDocument.Parse(lines[k]);
            var decoded = result.RootElement.GetProperty("decoded").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var activations = result.RootElement.GetProperty("activations").EnumerateArray().Select(e => e.GetDouble()).ToArray();

            Assert.Equal(expectedDecoded[k], decoded);
            Assert.Equal(FactoredEvaluator.Activations(network, samples[k], scratch), activations);
        }
    }

    /// <summary>The fenced block of docs/interop.md whose first line is the marker.</summary>
    private static string Snippet()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "interop.md"));
        var start = text.IndexOf("```python\n" + Marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/interop.md has no python block starting with '{Marker}'");
        start += "```python\n".Length;
        var end = text.IndexOf("\n```", start, StringComparison.Ordinal);
        return text[start..end] + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Superposition.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Superposition.sln above {AppContext.BaseDirectory}");
    }

    private static readonly Lazy<bool> Python = new(PythonAvailable);

    private static bool PythonAvailable()
    {
        try
        {
            return Execute("python3", ["--version"]).ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    /// <summary>One run of the snippet for every sample (a launch of python3 costs most of a second here).</summary>
    private static string[] Run(string script, string file, List<int[]> samples)
    {
        var (exitCode, standardOutput, standardError) = Execute("python3", [script, file, .. samples.Select(s => string.Join(",", s))]);
        Assert.True(exitCode == 0, $"the snippet failed ({exitCode}): {standardError}");
        return standardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static (int ExitCode, string Output, string Error) Execute(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {Timeout.TotalSeconds} s");
        }
        return (process.ExitCode, standardOutput.Result, standardError.Result);
    }
}
