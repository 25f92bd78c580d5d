using System.ComponentModel;
using System.Diagnostics;
using Xunit;

namespace Superposition.Datasets.Tests.Safetensors;

/// <summary>
/// The Python the interop tests run: $SUPERPOSITION_PYTHON if set, else Debian's /usr/bin/python3
/// (a pyenv or virtualenv python3 earlier on the path usually lacks the apt packages), else python3.
/// Missing Python, NumPy or PyTorch fails the test with what to install; it never passes silently.
/// </summary>
internal static class Python
{
    private static readonly Lazy<string> Interpreter = new(Find);

    public static string Executable => Interpreter.Value;

    /// <summary>Runs <paramref name="script"/> and returns its stdout lines; fails the test on a nonzero exit.</summary>
    public static string[] Run(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var (exitCode, output, error) = Execute(Executable, [script, .. arguments], timeout);
        Assert.True(exitCode == 0, $"{Executable} {script} failed ({exitCode}): {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Find()
    {
        var candidate = Environment.GetEnvironmentVariable("SUPERPOSITION_PYTHON") is { Length: > 0 } chosen ? chosen
            : File.Exists("/usr/bin/python3") ? "/usr/bin/python3"
            : "python3";
        (int ExitCode, string Output, string Error) check;
        try
        {
            check = Execute(candidate, ["-c", "import numpy, torch; print(numpy.__version__, torch.__version__)"], TimeSpan.FromMinutes(2));
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException($"no Python at '{candidate}' ({error.Message}): install python3, python3-numpy and python3-torch (apt-get install -y python3-numpy python3-torch), or set SUPERPOSITION_PYTHON");
        }
        Assert.True(check.ExitCode == 0, $"{candidate} cannot import numpy and torch: install python3-numpy and python3-torch (apt-get install -y python3-numpy python3-torch), or set SUPERPOSITION_PYTHON. {check.Error}");
        return candidate;
    }

    private static (int ExitCode, string Output, string Error) Execute(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, standardOutput.Result, standardError.Result);
    }
}
