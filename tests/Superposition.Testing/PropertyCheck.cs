using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Superposition.Testing;

/// <summary>
/// Runs an FsCheck property from inside an xunit theory (the registry-parameterised suites). On failure
/// it throws FsCheck's own message, which names the counterexample and the replay seed; pass that seed
/// back as <c>replay</c> ("(seed,gamma)" or "(seed,gamma,size)"), or in the SUPERPOSITION_REPLAY environment
/// variable, to rerun exactly that case.
/// </summary>
public static class PropertyCheck
{
    /// <summary>Environment variable with a replay seed for the property being run (filter to that one test).</summary>
    public const string ReplayVariable = "SUPERPOSITION_REPLAY";

    public static void Run<T>(Gen<T> generator, Action<T> property, int maxTest, string? replay = null, [CallerMemberName] string name = "") =>
        Check.One(Configure(maxTest, replay, name), Prop.ForAll(Arb.From(generator), property));

    public static void Run<T>(Gen<T> generator, Func<T, bool> property, int maxTest, string? replay = null, [CallerMemberName] string name = "") =>
        Check.One(Configure(maxTest, replay, name), Prop.ForAll(Arb.From(generator), property));

    public static void Run<T>(Gen<T> generator, Func<T, Property> property, int maxTest, string? replay = null, [CallerMemberName] string name = "") =>
        Check.One(Configure(maxTest, replay, name), Prop.ForAll(Arb.From(generator), property));

    private static Config Configure(int maxTest, string? replay, string name)
    {
        replay ??= Environment.GetEnvironmentVariable(ReplayVariable);
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true).WithName(name);
        return replay is null ? config : config.WithReplay(FSharpOption<Replay>.Some(ParseReplay(replay)));
    }

    private static Replay ParseReplay(string text)
    {
        var parts = text.Trim('(', ')', ' ').Split(',', StringSplitOptions.TrimEntries);
        var size = parts.Length > 2 ? FSharpOption<int>.Some(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)) : FSharpOption<int>.None;
        return new Replay(new Rnd(ulong.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)), size);
    }
}
