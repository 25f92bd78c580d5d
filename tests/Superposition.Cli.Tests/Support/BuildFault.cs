namespace Superposition.Cli.Tests.Support;

/// <summary>
/// Makes the build of one case of every `run` in this process throw (TestFaults.FailBuildVariable, read by
/// the CLI) until disposed. The variable is process-wide, so only tests of the "console" collection, which
/// xunit runs serially, use it.
/// </summary>
internal sealed class BuildFault : IDisposable
{
    private readonly string? previous = Environment.GetEnvironmentVariable(TestFaults.FailBuildVariable);

    private BuildFault(int caseIndex) =>
        Environment.SetEnvironmentVariable(TestFaults.FailBuildVariable, caseIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The message the injected failure carries, for assertions.</summary>
    public const string Message = "injected build failure";

    public static BuildFault OfCase(int caseIndex) => new(caseIndex);

    public void Dispose() => Environment.SetEnvironmentVariable(TestFaults.FailBuildVariable, previous);
}
