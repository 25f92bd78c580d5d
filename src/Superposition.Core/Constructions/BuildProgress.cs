namespace Superposition.Constructions;

/// <summary>
/// Progress within one long build (a training), for whoever runs the build: the run pipeline listens
/// around each build and turns the steps into run progress. A build that reports reads
/// <see cref="Current"/> once and calls it with (steps done, steps in all); it changes nothing the
/// build computes, so builds stay pure functions of their arguments. Flows with the async context, so
/// builds running side by side each report to their own listener.
/// </summary>
public static class BuildProgress
{
    private static readonly AsyncLocal<Action<int, int>?> Listener = new();

    /// <summary>The listener of the build running in this context, or null when nobody listens.</summary>
    public static Action<int, int>? Current => Listener.Value;

    /// <summary>Sends the steps of builds started in this context to <paramref name="onStep"/> until the result is disposed.</summary>
    public static IDisposable Listen(Action<int, int> onStep)
    {
        ArgumentNullException.ThrowIfNull(onStep);
        var previous = Listener.Value;
        Listener.Value = onStep;
        return new Restore(previous);
    }

    private sealed class Restore(Action<int, int>? previous) : IDisposable
    {
        public void Dispose() => Listener.Value = previous;
    }
}
