using System.CommandLine;
using Spectre.Console;

namespace Superposition.Cli.Commands;

/// <summary>
/// `plan &lt;spec.json&gt;`: validates the spec (every error at once), checks that its largest run fits in
/// memory with the default number of workers, and lists the expanded cases; runs nothing.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "sweep spec (JSON), e.g. pipelines/quickstart.json" };
        var command = new Command("plan", "validate a sweep spec and list its cases without running anything") { spec };
        command.SetAction(parse => Plan(parse.GetValue(spec)!));
        return command;
    }

    private static int Plan(string path)
    {
        if (SpecLoading.Load(path) is not var (spec, cases))
        {
            return ExitCodes.BadInput;
        }
        var (workers, available) = (Environment.ProcessorCount, MemoryCheck.AvailableBytes());
        if (MemoryCheck.Problem(cases, workers, available) is { } memory)
        {
            Console.Error.WriteLine(memory);
            return ExitCodes.BadInput;
        }
        var table = new Table().AddColumns("#", "case_id", "rep", "construction", "m", "m'", "s", "graph", "inputs", "params");
        foreach (var runCase in cases)
        {
            table.AddRow(
                runCase.Index.ToString(), runCase.CaseId, runCase.Replicate.ToString(), runCase.Construction,
                runCase.Problem.InputCount.ToString(), runCase.Problem.OutputCount.ToString(), runCase.Problem.Sparsity.ToString(),
                runCase.Problem.Graph, runCase.InputDistribution, Markup.Escape(System.Text.Json.JsonSerializer.Serialize(runCase.ConstructionParams)));
        }
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(MemoryCheck.Summary(cases, workers, available));
        AnsiConsole.WriteLine($"{spec.Name}: {cases.Count} runs ({cases.Select(c => c.CaseId).Distinct().Count()} cases × replicates), {cases.Sum(c => (long)c.Samples)} samples; spec is valid.");
        return ExitCodes.Success;
    }
}
