using System.ComponentModel;
using System.Globalization;

namespace Superposition.Cli.Tests.Support;

/// <summary>
/// Runs the command line as a child process and reports its peak resident memory: ru_maxrss from wait4,
/// which the kernel keeps for the whole life of the process (sampling VmHWM from /proc misses a peak
/// in the last moments before exit). .NET does not expose wait4, so a few lines of Python's standard
/// library start and reap the child: $SUPERPOSITION_PYTHON if set, else /usr/bin/python3, else python3.
/// Without a Python the test fails with what to install; it never passes silently.
/// </summary>
internal static class PeakMemory
{
    /// <summary>argv: log path, then the command; prints the child's exit code and peak bytes (ru_maxrss is in KiB on Linux).</summary>
    private const string Script = """
        import os, subprocess, sys
        with open(sys.argv[1], "wb") as log:
            child = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        print(child.returncode, usage.ru_maxrss * 1024)
        """;

    public sealed record Result(int ExitCode, long PeakBytes, string Output);

    public static Result Run(TemporaryDirectory directory, TimeSpan timeout, params string[] arguments)
    {
        var log = directory[$"peak-{Guid.NewGuid():N}.log"];
        var python = Environment.GetEnvironmentVariable("SUPERPOSITION_PYTHON") is { Length: > 0 } chosen ? chosen
            : File.Exists("/usr/bin/python3") ? "/usr/bin/python3"
            : "python3";
        Processes.Result result;
        try
        {
            result = Processes.Run(python, ["-c", Script, log, Processes.Dotnet, Processes.CliAssembly, .. arguments], directory.Path, timeout);
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException($"no Python at '{python}' ({error.Message}): install python3 (apt-get install -y python3), or set SUPERPOSITION_PYTHON", error);
        }
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{python} could not measure the child ({result.ExitCode}): {result.Error}");
        }
        var fields = result.Output.Trim().Split(' ');
        var output = File.ReadAllText(log);
        return new Result(int.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture), output);
    }
}
