using System.Collections.Concurrent;
using System.Diagnostics;

namespace Superposition.Cli.Tests.Support;

/// <summary>
/// The command line as a child process (<c>dotnet superposition.dll …</c>), so a test can kill it for real
/// (SIGKILL) or interrupt it (SIGINT) and look at what it left behind.
/// </summary>
internal sealed class ChildCli : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource firstProgress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildCli(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                output.Enqueue(text);
                if (text.StartsWith('['))
                {
                    firstProgress.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                output.Enqueue("stderr: " + text);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the child printed so far, stderr lines marked.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    public int ExitCode => process.ExitCode;

    public bool HasExited => process.HasExited;

    public static ChildCli Start(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return new ChildCli(Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet"));
    }

    /// <summary>Completes when the child has reported its first finished run (a line "[k/n] …"), or when it exits.</summary>
    public Task FirstProgressAsync(TimeSpan timeout) => Task.WhenAny(firstProgress.Task, process.WaitForExitAsync()).Unwrap().WaitAsync(timeout);

    /// <summary>SIGKILL, then waits until the process is gone. True when it had already exited on its own.</summary>
    public async Task<bool> KillAsync()
    {
        var exited = process.HasExited;
        if (!exited)
        {
            process.Kill();
        }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return exited;
    }

    /// <summary>SIGINT, as Ctrl-C sends it.</summary>
    public Task InterruptAsync() => SignalAsync("INT");

    /// <summary>Sends the signal named <paramref name="signal"/> (INT, TERM) with kill(1).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync().WaitAsync(timeout);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(30_000);
        }
        process.Dispose();
    }

    /// <summary>The muxer that runs this test (the dotnet CLI sets DOTNET_HOST_PATH for its children), else dotnet on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>superposition.dll: copied next to the tests (the project references the CLI), else in the CLI's own output folder.</summary>
    private static string CliAssembly()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "superposition.dll");
        if (File.Exists(beside))
        {
            return beside;
        }
        var built = new[] { "Release", "Debug" }
            .Select(configuration => Path.Combine(RepositoryFiles.Root, "src", "Superposition.Cli", "bin", configuration, "net10.0", "superposition.dll"))
            .FirstOrDefault(File.Exists);
        return built ?? throw new FileNotFoundException("superposition.dll is neither next to the tests nor in src/Superposition.Cli/bin");
    }
}
