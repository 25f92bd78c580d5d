using Superposition.Datasets.Journals;
using Superposition.Datasets.Paths;
using Superposition.Specs;
using Superposition.Sweeps;
using Superposition.Thresholds;

namespace Superposition.Cli;

/// <summary>What `run` was asked for, as parsed from its command line.</summary>
internal sealed record RunRequest(string SpecPath, string OutputRoot, int Parallelism, bool KeepSamples, bool StopOnFirstError, string? Shard, bool Resume);

/// <summary>A run that passed every check: its runs (a shard's, when sharded), where it writes, and how its journal opens.</summary>
internal sealed record PreparedRun(SweepSpec Spec, IReadOnlyList<RunCase> Runs, ShardSelection? Shard, string Directory, JournalHeader Header, bool KeepFinished)
{
    public IEnumerable<RunKey> Keys => Runs.Select(run => run.Key);
}

/// <summary>
/// Everything `run` checks before it writes anything, in order: options, the spec, the memory the largest
/// run needs, the output directory, and an earlier attempt's journal. Each failure prints its reason to
/// stderr and yields null, and the command exits 2 having created nothing.
/// </summary>
internal static class RunPreparation
{
    public static PreparedRun? Prepare(RunRequest request)
    {
        if (request.Parallelism < 1)
        {
            return Refuse($"--parallelism must be at least 1, got {request.Parallelism}; nothing was run or written");
        }
        ShardSelection? shard = null;
        if (request.Shard is { } text)
        {
            (shard, var error) = ShardSelection.Parse(text);
            if (shard is null)
            {
                return Refuse(error!);
            }
        }
        if (SpecLoading.Load(request.SpecPath) is not var (spec, cases))
        {
            return null;
        }
        if (spec.Threshold is { } threshold)
        {
            if (shard is not null || request.Resume)
            {
                return Refuse($"a threshold sweep ({threshold.Field}) runs whole and from the start: its probes depend on each other, so --shard and --resume do not apply; nothing was run or written");
            }
            var (smallest, largest) = ThresholdProbes.RunsAtBothEnds(spec);
            cases = [.. smallest, .. largest];
        }
        IReadOnlyList<RunCase> runs = shard is null ? cases : [.. cases.Where(shard.Contains)];
        if (MemoryCheck.Problem(runs, request.Parallelism, MemoryCheck.AvailableBytes(), request.KeepSamples) is { } memory)
        {
            return Refuse(memory);
        }
        var directory = Path.Combine(request.OutputRoot, spec.Name);
        // Links first: the write probe must not go through a planted link either.
        if (OutputCheck.Problem(request.OutputRoot) is { } root)
        {
            return Refuse(root);
        }
        if (DatasetPaths.Problems(directory, shard?.Part) is { Count: > 0 } unsafePaths)
        {
            return Refuse(string.Join(Environment.NewLine, unsafePaths) + Environment.NewLine + "nothing was run or written");
        }
        if (OutputCheck.Problem(directory) is { } output)
        {
            return Refuse(output);
        }
        directory = Path.GetFullPath(directory);
        var wanted = new JournalHeader(spec.Name, spec.Hash, shard?.Part, request.KeepSamples, ToolInfo.Version, DateTimeOffset.UtcNow, runs.Count);
        return JournalPolicy.Decide(RunJournal.Inspect(directory, shard?.Part), wanted, request.Resume) switch
        {
            JournalPolicy.Decision.Refuse refuse => Refuse(refuse.Message),
            JournalPolicy.Decision.Continue resume => new PreparedRun(spec, runs, shard, directory, resume.Header, KeepFinished: true),
            JournalPolicy.Decision.StartFresh => new PreparedRun(spec, runs, shard, directory, wanted, KeepFinished: false),
            _ => throw new InvalidOperationException("unknown journal decision"),
        };
    }

    private static PreparedRun? Refuse(string message)
    {
        Console.Error.WriteLine(message);
        return null;
    }
}
