namespace Superposition.Cli;

/// <summary>
/// The last line of defence: an exception no command expected becomes one line on stderr and exit code 1.
/// The stack trace is printed only when SUPERPOSITION_DEBUG is set, because a user cannot act on it and it
/// buries the one line that says what went wrong.
/// </summary>
internal static class UnexpectedErrors
{
    public const string DebugVariable = "SUPERPOSITION_DEBUG";

    public static async Task<int> ReportAsync(Exception error)
    {
        await Console.Error.WriteLineAsync(Describe(error, !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DebugVariable))));
        return ExitCodes.RunFailed;
    }

    /// <summary>"error: message (Type); set SUPERPOSITION_DEBUG=1 for the stack trace", or the full exception when debugging.</summary>
    public static string Describe(Exception error, bool debug)
    {
        if (debug)
        {
            return $"error: {error}";
        }
        var cause = error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
        return $"error: {cause.Message} ({cause.GetType().Name}); set {DebugVariable}=1 for the stack trace";
    }
}
