using System.CommandLine;
using Superposition.Reports;

namespace Superposition.Cli.Commands;

/// <summary>`report &lt;dataset-dir&gt; [--out DIR]`: PNG plots and summary.md from a dataset (default DIR: &lt;dataset-dir&gt;/report).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "dataset directory, e.g. data/quickstart" };
        var output = new Option<string?>("--out") { Description = "where the plots and summary.md go (default: <dataset>/report)" };
        var command = new Command("report", "plot a dataset against the bounds and write a markdown summary") { dataset, output };
        command.SetAction(parse => RunAsync(parse.GetValue(dataset)!, parse.GetValue(output), Interruption.Token));
        return command;
    }

    private static async Task<int> RunAsync(string dataset, string? output, CancellationToken cancellation)
    {
        if (!Directory.Exists(dataset) || ReportBuilder.CaseFiles(dataset).IsEmpty)
        {
            await Console.Error.WriteLineAsync($"{dataset}: not a dataset directory (no cases*.parquet); nothing was written");
            return ExitCodes.BadInput;
        }
        var target = output ?? Path.Combine(dataset, "report");
        var result = await ReportBuilder.FromDatasetAsync(dataset, target, cancellation);
        Console.WriteLine(result.Summary);
        foreach (var file in result.Files)
        {
            Console.WriteLine($"wrote {file}");
        }
        return ExitCodes.Success;
    }
}
