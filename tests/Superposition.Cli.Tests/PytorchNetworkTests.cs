using System.Text.Json;
using Superposition.Cli.Tests.Support;
using Superposition.Datasets.Safetensors;
using Superposition.Datasets.Tests.Safetensors;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// Networks made in PyTorch (/usr/bin/python3 with torch and NumPy; missing ones fail the test) and
/// written with the NumPy writer of docs/interop.md, run unmodified: a hand-set universal-AND layer of
/// torch.nn.Linear modules followed by a linear read-out, and a small random MLP with a threshold
/// read-out. The tool's evaluation equals PyTorch's forward pass on the same inputs; verify passes the
/// AND network, and fails a copy with one output's weights zeroed, naming that output; a sweep with the
/// file construction records, for every sample, the outputs PyTorch decodes.
/// </summary>
[Collection("console")]
public sealed class PytorchNetworkTests
{
    private const string Script = """
        import json
        import sys

        import numpy as np
        import torch

        sys.path.insert(0, sys.argv[1])
        from write_layered import save_layered

        directory, samples = sys.argv[1], [[int(v) for v in arg.split(",") if v] for arg in sys.argv[2:]]
        m, s = 10, 3
        pairs = [(0, 1), (2, 3), (4, 5), (1, 6), (7, 8), (3, 9), (0, 9), (5, 8)]

        def universal_and(zeroed=None):
            hidden, readout = torch.nn.Linear(m, len(pairs)).double(), torch.nn.Linear(len(pairs), len(pairs)).double()
            with torch.no_grad():
                hidden.weight.zero_()
                for e, (i, j) in enumerate(pairs):
                    if e != zeroed:
                        hidden.weight[e, i] = hidden.weight[e, j] = 1.0
                hidden.bias.fill_(-1.0)
                readout.weight.copy_(2.0 * torch.eye(len(pairs), dtype=torch.float64))
                readout.bias.zero_()
            return torch.nn.Sequential(hidden, torch.nn.ReLU(), readout)

        torch.manual_seed(12)
        mlp = torch.nn.Sequential(torch.nn.Linear(m, 16), torch.nn.ReLU(), torch.nn.Linear(16, len(pairs)))   # float32

        def layers(model):
            linears = [module for module in model if isinstance(module, torch.nn.Linear)]
            return [{"weight": layer.weight.detach().numpy(), "bias": layer.bias.detach().double().numpy(),
                     "activation": "relu" if k + 1 < len(linears) else "identity"} for k, layer in enumerate(linears)]

        networks = {"and": (universal_and(), 1.0, "no-false-negatives"), "wrong": (universal_and(zeroed=3), 1.0, "no-false-negatives"),
                    "mlp": (mlp, 0.0, None)}
        x = torch.zeros(len(samples), m, dtype=torch.float64)
        for k, features in enumerate(samples):
            x[k, features] = 1.0
        decoded = {}
        for name, (model, threshold, claims) in networks.items():
            save_layered(f"{directory}/{name}.safetensors", m, s, layers(model), pairs=pairs,
                         threshold=np.full(len(pairs), threshold), claims=claims)
            with torch.no_grad():
                out = model.double()(x) if name == "mlp" else model(x)
            decoded[name] = [torch.nonzero(row > threshold).flatten().tolist() for row in out]
        print(json.dumps(decoded))
        """;

    private static string WriterSnippet()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "interop.md")).ReplaceLineEndings("\n");
        const string Marker = "```python\n# interop: numpy layered writer.";
        var start = text.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/interop.md has no NumPy layered writer snippet");
        start += "```python\n".Length;
        return text[start..text.IndexOf("\n```", start, StringComparison.Ordinal)] + "\n";
    }

    [Fact]
    public async Task A_pytorch_network_agrees_with_pytorch_and_verifies()
    {
        using var directory = new TemporaryDirectory();
        await File.WriteAllTextAsync(directory["write_layered.py"], WriterSnippet());
        await File.WriteAllTextAsync(directory["make.py"], Script);
        var problemSpec = new Problems.ProblemSpec(Problems.ProblemKind.And, "file", 10, 8, 3);
        var pairs = new Problems.PairSet(10, [0, 2, 4, 1, 7, 3, 0, 5], [1, 3, 5, 6, 8, 9, 9, 8]);
        var problem = new Problems.AndProblem(problemSpec, pairs);
        var batch = InputSamplers.Batch(problem, InputDistributions.WithTruePair, 0, 300, new Seed(3));
        var samples = Enumerable.Range(0, batch.Count).Select(k => batch.Active(k).ToArray()).ToArray();
        var lines = Python.Run(directory["make.py"], [directory.Path, .. samples.Select(s => string.Join(",", s))], TimeSpan.FromMinutes(3));
        using var json = JsonDocument.Parse(lines.Single());

        foreach (var name in new[] { "and", "wrong", "mlp" })
        {
            var file = NetworkFiles.Read(directory[$"{name}.safetensors"]);
            Assert.Equal(2, file.Network.Layers.Length);
            Assert.Equal(pairs.First.ToArray(), ((Problems.AndProblem)file.Network.Problem).Pairs.First.ToArray());
            var outcome = NetworkEvaluator.Evaluate(file.Network, batch, new EvaluationScratch(file.Network));
            var fromTorch = json.RootElement.GetProperty(name).EnumerateArray().ToArray();
            Assert.Equal(samples.Length, fromTorch.Length);
            for (var k = 0; k < samples.Length; k++)
            {
                var expected = fromTorch[k].EnumerateArray().Select(e => e.GetInt32()).ToArray();
                Assert.True(expected.AsSpan().SequenceEqual(outcome.DecodedOutputs(k)), $"{name}: PyTorch decodes [{string.Join(",", expected)}], the tool [{string.Join(",", outcome.DecodedOutputs(k).ToArray())}] on [{string.Join(",", samples[k])}]");
            }
        }
        // The AND network is exact on these inputs; the random MLP is not (else the comparison is weak).
        var andNetwork = NetworkFiles.Read(directory["and.safetensors"]).Network;
        Assert.Equal(batch.TruthOutputs, NetworkEvaluator.Evaluate(andNetwork, batch, new EvaluationScratch(andNetwork)).Decoded);
        Assert.Contains(json.RootElement.GetProperty("mlp").EnumerateArray(), row => row.GetArrayLength() > 0);

        var passed = await VerifyCommandTests.VerifyAsync(directory["and.safetensors"], "--samples", "3000");
        Assert.True(passed.Exit == 0, passed.Output + passed.Error);
        var failed = await VerifyCommandTests.VerifyAsync(directory["wrong.safetensors"], "--samples", "3000");
        Assert.Equal(1, failed.Exit);
        Assert.Contains("output 3 (inputs 1 ∧ 6)", failed.Output, StringComparison.Ordinal);
        var measured = await VerifyCommandTests.VerifyAsync(directory["mlp.safetensors"], "--samples", "1000");
        Assert.True(measured.Exit == 0, measured.Output + measured.Error);
        Assert.Contains("measured", measured.Output, StringComparison.Ordinal);

        // A sweep with the file construction on both PyTorch networks: every recorded sample's decoded
        // outputs (truth without its false negatives, with its false positives) are PyTorch's.
        var spec = Path.Combine(directory.Path, "torch.json");
        await File.WriteAllTextAsync(spec, """
            { "name": "torch", "seed": 9,
              "problem": { "kind": "and", "graph": "random", "input_count": 10, "output_count": 8, "sparsity": 3 },
              "construction": "file",
              "axes": [ { "params.path": ["and.safetensors", "mlp.safetensors"] }, { "input_distribution": ["uniform", "with-true-pair"] } ],
              "evaluation": { "samples": 200, "batch_size": 64 } }
            """);
        Assert.Equal(0, await Program.InvokeAsync(["run", spec, "--out", directory["out"], "--samples"]).WaitAsync(TimeSpan.FromMinutes(3)));
        var cases = await Datasets.DatasetReader.ReadCasesAsync(Path.Combine(directory["out"], "torch", "cases.parquet"));
        var rows = await Datasets.DatasetReader.ReadSamplesAsync(Path.Combine(directory["out"], "torch", "samples.parquet"));
        Assert.Equal(4, cases.Count);
        Assert.Equal(800, rows.Count);
        var which = cases.ToDictionary(c => c.CaseId, c => c.ConstructionParams.Contains("and.safetensors", StringComparison.Ordinal) ? "and" : "mlp");
        Assert.All(cases.Where(c => which[c.CaseId] == "and"), c => Assert.Equal(c.Samples, c.SamplesCorrect));
        var again = Python.Run(directory["make.py"], [directory.Path, .. rows.Select(r => string.Join(",", r.ActiveInputs))], TimeSpan.FromMinutes(3));
        using var torchDecoded = JsonDocument.Parse(again.Single());
        var truth = new int[3];
        for (var k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            var count = problem.TrueOutputs(row.ActiveInputs, truth);
            var decoded = truth[..count].Except(row.FalseNegativeOutputs).Union(row.FalsePositiveOutputs).Order().ToArray();
            var expected = torchDecoded.RootElement.GetProperty(which[row.CaseId])[k].EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.True(expected.SequenceEqual(decoded), $"{which[row.CaseId]} sample {row.SampleIndex}: the dataset records [{string.Join(",", decoded)}], PyTorch decodes [{string.Join(",", expected)}]");
        }
        Assert.Contains(rows, r => !r.Correct);
    }
}
