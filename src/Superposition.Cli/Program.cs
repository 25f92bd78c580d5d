using System.CommandLine;
using Spectre.Console;
using Superposition.Cli.Commands;
using Superposition.Training;

namespace Superposition.Cli;

/// <summary>
/// The composition root: `superposition &lt;verb&gt;`. Exit codes: 0 success, 1 run failed, 2 bad usage or
/// invalid spec (nothing written), 130 interrupted (SIGINT or SIGTERM, see <see cref="Interruption"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var signals = Interruption.Install();
        // Written to a file or a pipe, the console has no width and tables would wrap at 80 columns,
        // cell by cell; a log reads better with each row on one line.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 200;
        }
        return await InvokeAsync(args);
    }

    /// <summary>Parses and runs a command line; callable in process by tests.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        // Constructions of the edge projects: their definitions join the registry; nothing trains until a case asks.
        TrainingConstructions.Install();
        var root = new RootCommand("Superposition: build, evaluate and measure networks that compute in superposition.");
        foreach (var command in new[] { RunCommand.Create(), PlanCommand.Create(), BoundsCommand.Create(), ReportCommand.Create(), ExportCommand.Create(), VerifyCommand.Create(), BenchCommand.Create() })
        {
            root.Subcommands.Add(command);
        }
        ToolInfo.UseVersionLine(root);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }
            await Console.Error.WriteLineAsync("run `superposition --help` for usage");
            return ExitCodes.BadInput;
        }
        if (OutputCheck.ForCommand(parsed) is { } output)
        {
            await Console.Error.WriteLineAsync(output);
            return ExitCodes.BadInput;
        }
        try
        {
            // Signals are Interruption's (installed by Main): it also stops a build that cannot observe cancellation.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception error)
        {
            return await UnexpectedErrors.ReportAsync(error);
        }
    }
}
