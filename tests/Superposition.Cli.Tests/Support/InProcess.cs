namespace Superposition.Cli.Tests.Support;

/// <summary>What an in-process invocation returned and printed to stderr.</summary>
internal sealed record CliResult(int Exit, string Error);

/// <summary>
/// Runs the command line in process (Program.InvokeAsync) with stderr captured. Console.Error is process-wide,
/// so every test class that uses this is in the "console" collection, which xunit runs serially.
/// </summary>
internal static class InProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<CliResult> InvokeAsync(params string[] args)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            // Task.Run: no test synchronization context under the command, so a blocking caller cannot deadlock it.
            var exit = await Task.Run(() => Program.InvokeAsync(args)).WaitAsync(Timeout);
            return new CliResult(exit, error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    /// <summary>As <see cref="InvokeAsync"/>, with stdout captured too (Spectre's console writes there as well): (exit code, stdout).</summary>
    public static async Task<(string Output, int Exit)> CaptureAsync(params string[] args)
    {
        var output = new StringWriter();
        var previous = Console.Out;
        var console = Spectre.Console.AnsiConsole.Console;
        Console.SetOut(output);
        Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });
        try
        {
            var result = await InvokeAsync(args);
            return (output.ToString(), result.Exit);
        }
        finally
        {
            Console.SetOut(previous);
            Spectre.Console.AnsiConsole.Console = console;
        }
    }

    /// <summary>For properties, which are synchronous.</summary>
    public static CliResult Invoke(params string[] args) => InvokeAsync(args).GetAwaiter().GetResult();
}
