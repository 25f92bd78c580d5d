using System.CommandLine;
using System.Globalization;
using Superposition.Datasets.Safetensors;
using Superposition.Randomness;
using Superposition.Verification;

namespace Superposition.Cli.Commands;

/// <summary>
/// `verify &lt;network.safetensors&gt; [--samples N] [--seed S] [--exhaustive-budget N]`: reads a network file
/// of either format and prints a verdict table (<see cref="NetworkVerification"/>). Exit 0 when every
/// check holds, 1 when one fails, 2 for a file that is not a valid network file (one message on stderr).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "network file: an exported network or a superposition-layered file" };
        var samples = new Option<int>("--samples") { Description = "sampled inputs per input distribution", DefaultValueFactory = _ => VerificationOptions.DefaultSamples };
        var seed = new Option<ulong>("--seed") { Description = "seed of the sampled inputs", DefaultValueFactory = _ => 1UL };
        var budget = new Option<long>("--exhaustive-budget") { Description = "check every input with |x| ≤ s when there are at most this many", DefaultValueFactory = _ => VerificationOptions.DefaultExhaustiveBudget };
        var command = new Command("verify", "check a network file: its problem instance, false negatives, error rates with bounds, and every small input") { file, samples, seed, budget };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(samples), parse.GetValue(seed), parse.GetValue(budget)));
        return command;
    }

    private static int Run(string path, int samples, ulong seed, long budget)
    {
        if (samples < 1 || budget < 0)
        {
            Console.Error.WriteLine("error: --samples must be at least 1 and --exhaustive-budget at least 0");
            return ExitCodes.BadInput;
        }
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: no such file");
            return ExitCodes.BadInput;
        }
        NetworkFile file;
        try
        {
            file = NetworkFiles.Read(path);
        }
        catch (InvalidDataException error)
        {
            Console.Error.WriteLine(error.Message);
            return ExitCodes.BadInput;
        }
        catch (IOException error)
        {
            Console.Error.WriteLine($"{path}: cannot read the file: {error.Message}");
            return ExitCodes.BadInput;
        }
        var network = file.Network;
        var resources = network.Resources;
        Console.WriteLine($"{path}: {file.Format}, construction '{network.Construction}', {network.Layers.Length} layer(s), {resources.NeuronCount:N0} neurons, {resources.WeightCount:N0} nonzero weights, {resources.ParameterCount:N0} parameters");
        var options = new VerificationOptions(samples, new Seed(seed), budget, file.ClaimsNoFalseNegatives, file.Claims.Contains(LayeredNetworkFile.Exact));
        var checks = NetworkVerification.Verify(network, options).ToList();
        checks.AddRange(file.Claims.Where(claim => !LayeredNetworkFile.KnownClaims.Contains(claim)).Select(claim => new VerificationCheck($"claim '{claim}'", Verdict.Skipped, "not a claim verify knows how to check")));
        Print(checks);
        var failed = checks.Count(c => c.Verdict == Verdict.Fail);
        Console.WriteLine(failed == 0 ? "verdict: every check holds" : $"verdict: {failed} check(s) failed");
        return failed == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
    }

    private static void Print(IReadOnlyList<VerificationCheck> checks)
    {
        var nameWidth = Math.Max("check".Length, checks.Max(c => c.Name.Length));
        const int VerdictWidth = 8;
        Console.WriteLine($"{"check".PadRight(nameWidth)}  {"verdict".PadRight(VerdictWidth)}  detail");
        foreach (var check in checks)
        {
            Console.WriteLine($"{check.Name.PadRight(nameWidth)}  {check.Verdict.ToString().ToLower(CultureInfo.InvariantCulture).PadRight(VerdictWidth)}  {check.Detail}");
        }
    }
}
