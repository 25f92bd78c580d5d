using System.Runtime.InteropServices;

namespace Superposition.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM (a scheduler's stop): both cancel <see cref="Token"/>, which the pipeline
/// honours between batches, and say so on stderr. A network build is long CPU-bound Core code that cannot
/// be cancelled, so if the command has not returned after <see cref="Grace"/> (or on a second signal) the
/// process runs the cleanups registered with <see cref="OnForcedExit"/> (the journal removes itself when
/// no run finished) and exits with 130. Installed by <see cref="Program.Main"/> only, so tests that call
/// the command line in process keep the test runner's own signal handling.
/// </summary>
internal static class Interruption
{
    /// <summary>How long a cancelled command may take to stop on its own before the process exits anyway.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private static readonly CancellationTokenSource Source = new();
    private static readonly Lock Gate = new();
    private static readonly List<Action> Cleanups = [];
    private static int signals;

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public static CancellationToken Token => Source.Token;

    /// <summary>Handles SIGINT and SIGTERM until disposed.</summary>
    public static IDisposable Install() => new Registrations(
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
    ]);

    /// <summary>Runs <paramref name="cleanup"/> if the process is made to exit before the command returns; dispose to unregister.</summary>
    public static IDisposable OnForcedExit(Action cleanup)
    {
        lock (Gate)
        {
            Cleanups.Add(cleanup);
        }
        return new Unregistration(cleanup);
    }

    private static void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // the command decides how to stop; the runtime must not end the process unannounced
        if (Interlocked.Increment(ref signals) > 1)
        {
            ForceExit();
            return;
        }
        Console.Error.WriteLine($"interrupted ({context.Signal}): stopping; runs that finished stay in the journal for `run --resume`");
        _ = Task.Run(async () =>
        {
            await Task.Delay(Grace);
            ForceExit();
        });
        Source.Cancel();
    }

    private static void ForceExit()
    {
        Action[] cleanups;
        lock (Gate)
        {
            cleanups = [.. Cleanups];
            Cleanups.Clear();
        }
        foreach (var cleanup in cleanups)
        {
            try
            {
                cleanup();
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Console.Error.WriteLine($"while stopping: {error.Message}");
            }
        }
        Console.Error.Flush();
        Environment.Exit(ExitCodes.Interrupted);
    }

    private sealed class Registrations(PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }

    private sealed class Unregistration(Action cleanup) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                Cleanups.Remove(cleanup);
            }
        }
    }
}
