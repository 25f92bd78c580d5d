namespace Superposition.Cli;

/// <summary>The process exit codes of docs/design.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;

    /// <summary>Cancelled (Ctrl-C, SIGTERM): the shell's code for SIGINT, also what System.CommandLine returns when it has to force the exit.</summary>
    public const int Interrupted = 130;
}
