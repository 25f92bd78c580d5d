using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Cli.Tests.Support;
using Superposition.Testing;

namespace Superposition.Cli.Tests;

/// <summary>
/// Whatever spec a user hands over, `plan` and `run` either accept it (exit 0) or reject it with exit 2,
/// a message on stderr and nothing created under --out; never an unhandled exception or another code.
/// </summary>
[Xunit.Collection("console")]
public class SpecRejectionProperties
{
    /// <summary>Tiny valid specs and corrupted ones, as text, so a failing case prints the spec.</summary>
    public static Arbitrary<string> Specs() =>
        Gen.OneOf(SpecGenerators.Tiny.Select(spec => spec.Text), SpecGenerators.TinyCorrupted.Select(spec => spec.Text)).ToArbitrary();

    [Property(Arbitrary = [typeof(SpecRejectionProperties)], MaxTest = 40)]
    public Property Plan_and_run_accept_a_spec_or_reject_it_with_exit_2_and_write_nothing(string text)
    {
        using var directory = new TemporaryDirectory();
        var spec = directory["spec.json"];
        File.WriteAllText(spec, text);
        var output = directory["out"];

        var plan = InProcess.Invoke("plan", spec);
        var run = InProcess.Invoke("run", spec, "--out", output, "--parallelism", "1");

        // Collect shows the share of accepted and rejected specs, so a generator drifting to one side is visible.
        return (plan.Exit == run.Exit && run.Exit switch
        {
            0 => Directory.EnumerateFiles(output, "cases.parquet", SearchOption.AllDirectories).Count() == 1,
            2 => plan.Error.Trim().Length > 0 && run.Error.Trim().Length > 0 && !Path.Exists(output),
            _ => false,
        }).Collect($"exit {run.Exit}");
    }
}
