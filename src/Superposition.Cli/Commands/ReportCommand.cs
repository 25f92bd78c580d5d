using System.CommandLine;
using Superposition.Reports;

namespace Superposition.Cli.Commands;

/// <summary>
/// `report &lt;dataset-dir&gt;… [--out DIR]`: PNG plots and summary.md from one dataset, or from several
/// together (default DIR: the first dataset's report directory).
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var datasets = new Argument<string[]>("dataset")
        {
            Description = "dataset directory, e.g. data/quickstart; several are reported together",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--out") { Description = "where the plots and summary.md go (default: <first dataset>/report)" };
        var command = new Command("report", "plot a dataset against the bounds and write a markdown summary") { datasets, output };
        command.SetAction(parse => RunAsync(parse.GetValue(datasets)!, parse.GetValue(output), Interruption.Token));
        return command;
    }

    private static async Task<int> RunAsync(string[] datasets, string? output, CancellationToken cancellation)
    {
        var bad = datasets.Where(d => !Directory.Exists(d) || ReportBuilder.CaseFiles(d).IsEmpty).ToList();
        foreach (var dataset in bad)
        {
            await Console.Error.WriteLineAsync($"{dataset}: not a dataset directory (no cases*.parquet); nothing was written");
        }
        if (bad.Count > 0)
        {
            return ExitCodes.BadInput;
        }
        var target = output ?? Path.Combine(datasets[0], "report");
        var result = await ReportBuilder.FromDatasetsAsync(datasets, target, cancellation);
        Console.WriteLine(result.Summary);
        foreach (var file in result.Files)
        {
            Console.WriteLine($"wrote {file}");
        }
        return ExitCodes.Success;
    }
}
