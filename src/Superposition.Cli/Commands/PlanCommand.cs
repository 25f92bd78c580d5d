using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Superposition.Sweeps;
using Superposition.Thresholds;
using Superposition.Validation;

namespace Superposition.Cli.Commands;

/// <summary>
/// `plan &lt;spec.json&gt; [--all]`: validates the spec (every error at once), checks that its largest run fits in
/// memory with the default number of workers, and lists the expanded runs; runs nothing. The runs stream
/// by (memory grows with what is printed, not with the sweep): the first <see cref="ScreenRows"/> are shown
/// in a table and the rest summarised, unless <c>--all</c> asks for every run, one tab-separated line each.
/// </summary>
internal static class PlanCommand
{
    /// <summary>Runs listed without --all: about a screenful.</summary>
    public const int ScreenRows = 40;

    /// <summary>"d" is the depth: the layers of gates of a circuit problem, 1 for every one-layer problem.</summary>
    private static readonly string[] Columns = ["#", "case_id", "rep", "construction", "m", "m'", "s", "d", "graph", "inputs", "params"];

    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "sweep spec (JSON), e.g. pipelines/quickstart.json" };
        var all = new Option<bool>("--all") { Description = $"list every run, one tab-separated line each (without it: the first {ScreenRows} and a count)" };
        var command = new Command("plan", "validate a sweep spec and list its cases without running anything") { spec, all };
        command.SetAction(parse => Plan(parse.GetValue(spec)!, parse.GetValue(all)));
        return command;
    }

    private static int Plan(string path, bool all)
    {
        if (SpecLoading.Stream(path) is not var (spec, runs))
        {
            return ExitCodes.BadInput;
        }
        var (workers, available) = (Environment.ProcessorCount, MemoryCheck.AvailableBytes());
        var tally = new MemoryTally(workers, keepSamples: false);
        if (spec.Threshold is not null)
        {
            // Memory is checked at both ends of what a search can probe; the runs are listed at the largest value.
            var (smallest, largest) = ThresholdProbes.RunsAtBothEnds(spec);
            foreach (var run in smallest)
            {
                tally.Add(run);
            }
            runs = largest;
        }
        var first = new List<RunCase>(ScreenRows);
        long count = 0, samples = 0, cases = 0;
        CaseId? lastCase = null;
        try
        {
            // One pass for the figures (and the memory check, which must pass before anything is listed)...
            foreach (var run in runs)
            {
                tally.Add(run);
                count++;
                samples += run.Samples;
                if (run.CaseId != lastCase)
                {
                    (lastCase, cases) = (run.CaseId, cases + 1);
                }
                if (first.Count < ScreenRows)
                {
                    first.Add(run);
                }
            }
        }
        catch (InvalidSpecException error)
        {
            SpecLoading.Report(path, error.Errors);
            return ExitCodes.BadInput;
        }
        if (MemoryCheck.Problem(tally, available) is { } memory)
        {
            Console.Error.WriteLine(memory);
            return ExitCodes.BadInput;
        }
        if (all)
        {
            // ...and with --all a second pass that prints as it goes (a table would hold every row to size its columns).
            Console.WriteLine(string.Join('\t', Columns));
            foreach (var run in runs)
            {
                Console.WriteLine(string.Join('\t', Cells(run)));
            }
        }
        else
        {
            var table = new Table().AddColumns(Columns);
            foreach (var run in first)
            {
                table.AddRow([.. Cells(run).Select(Markup.Escape)]);
            }
            AnsiConsole.Write(table);
            if (count > first.Count)
            {
                AnsiConsole.WriteLine($"… and {count - first.Count} more runs (`plan --all` lists every run)");
            }
        }
        AnsiConsole.WriteLine(MemoryCheck.Summary(tally, available));
        var evaluated = spec.Evaluation.Exhaustive ? $"{samples} inputs (every input of each case)" : $"{samples} samples";
        if (spec.Threshold is { } search)
        {
            var settings = search.Settings;
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"threshold sweep: each run above is one search of {search.Field}, first bracket [{settings.Low}, {settings.High}], tolerance {settings.Tolerance}, probing values from {search.SmallestProbe} to {search.LargestProbe} (listed at {search.LargestProbe}, memory-checked at both ends); at most {search.MaxProbes} probes a search, {count * search.MaxProbes} runs in all."));
            evaluated += " per probe";
        }
        AnsiConsole.WriteLine($"{spec.Name}: {count} runs ({cases} cases × replicates), {evaluated}; spec is valid.");
        return ExitCodes.Success;
    }

    private static string[] Cells(RunCase run) =>
    [
        run.Index.ToString(CultureInfo.InvariantCulture), run.CaseId.Value, run.Replicate.ToString(CultureInfo.InvariantCulture), run.ConstructionName,
        run.Problem.InputCount.ToString(CultureInfo.InvariantCulture), run.Problem.OutputCount.ToString(CultureInfo.InvariantCulture), run.Problem.Sparsity.ToString(CultureInfo.InvariantCulture),
        run.Problem.Depth.ToString(CultureInfo.InvariantCulture), run.Problem.Graph, run.InputDistribution.Name, run.Construction.Values.ToJson(),
    ];
}
