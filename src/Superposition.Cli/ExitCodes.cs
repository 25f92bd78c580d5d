namespace Superposition.Cli;

/// <summary>The process exit codes of architecture.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;
}
