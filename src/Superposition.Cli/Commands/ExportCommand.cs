using System.CommandLine;
using Superposition.Constructions;
using Superposition.Datasets.Safetensors;
using Superposition.Networks;
using Superposition.Validation;

namespace Superposition.Cli.Commands;

/// <summary>
/// `export &lt;spec.json&gt; --case ID [--replicate R] --out FILE.safetensors`: rebuilds one case's network from
/// its spec and seeds and writes it in safetensors format (docs/interop.md).
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "sweep spec (JSON) the case comes from" };
        var caseId = new Option<string>("--case") { Description = "case id (see `plan` or the case_id column)", Required = true };
        var replicate = new Option<int>("--replicate") { Description = "replicate number", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "output file, e.g. network.safetensors", Required = true };
        var command = new Command("export", "write one case's network in safetensors format for NumPy and PyTorch") { spec, caseId, replicate, output };
        command.SetAction(parse => Run(parse.GetValue(spec)!, parse.GetValue(caseId)!, parse.GetValue(replicate), parse.GetValue(output)!));
        return command;
    }

    private static int Run(string specPath, string caseId, int replicate, string output)
    {
        if (SpecLoading.Load(specPath) is not var (spec, cases))
        {
            return ExitCodes.BadInput;
        }
        if (cases.FirstOrDefault(c => c.CaseId.Value == caseId && c.Replicate == replicate) is not { } runCase)
        {
            var ids = cases.Select(c => c.CaseId.Value).Distinct().ToList();
            Console.Error.WriteLine($"{specPath}: no case '{caseId}' with replicate {replicate}; {NearestName.Hint(caseId, ids)}");
            return ExitCodes.BadInput;
        }
        // The same check as `run` (one worker: export builds and writes, it evaluates nothing).
        if (MemoryCheck.Problem([runCase], workers: 1, MemoryCheck.AvailableBytes()) is { } memory)
        {
            Console.Error.WriteLine(memory);
            return ExitCodes.BadInput;
        }
        var network = NetworkBuilder.Build(runCase);
        if (!network.IsFactored && network.Layers.Any(layer => layer is Layer.Factored))
        {
            Console.Error.WriteLine($"{specPath}: case '{caseId}' ({network.Construction}) has a factored layer under further layers; the layered network file holds affine layers only, so it cannot be exported");
            return ExitCodes.BadInput;
        }
        var metadata = new Dictionary<string, string>
        {
            ["spec"] = spec.Text,
            ["spec_hash"] = spec.Hash,
            ["case_id"] = runCase.CaseId.Value,
            ["replicate"] = runCase.Replicate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["problem_seed"] = runCase.ProblemSeed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["tool_version"] = ToolInfo.Version,
        };
        // A one-layer construction has the factored shape; a stacked construction (superposed-circuit) or a file
        // case's network is layered, and is written in that format, with the construction's guarantee as a claim.
        if (network.IsFactored)
        {
            NetworkExport.Write(network, output, metadata);
        }
        else
        {
            if (ConstructionRegistry.Find(network.Construction) is { } definition && ConstructionRegistry.All.Contains(definition) && definition.NeverFalseNegativeWith(network.Parameters))
            {
                metadata[LayeredNetworkFile.ClaimsKey] = LayeredNetworkFile.NoFalseNegatives;
            }
            LayeredNetworkFile.Write(network, output, metadata);
        }
        Console.WriteLine($"wrote {Path.GetFullPath(output)} ({network.Construction}, {network.Resources.NeuronCount:N0} neurons, {network.Resources.WeightCount:N0} nonzero weights)");
        return ExitCodes.Success;
    }
}
