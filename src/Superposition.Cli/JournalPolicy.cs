using Superposition.Datasets.Journals;

namespace Superposition.Cli;

/// <summary>
/// What <c>run</c> does with the journal of an earlier attempt, as a pure function of what is on disk and
/// what was asked. Without <c>--resume</c> a journal holding finished runs is never discarded silently
/// (it may be hours of work): the run is refused and the message names both ways out. With
/// <c>--resume</c> the journal must belong to the same spec, options and tool version, so one dataset never
/// mixes rows of different runs; with no journal, <c>--resume</c> simply starts (so a retried batch job can
/// always pass it).
/// </summary>
internal static class JournalPolicy
{
    public abstract record Decision
    {
        private Decision()
        {
        }

        /// <summary>No journal worth keeping: start an empty one.</summary>
        public sealed record StartFresh : Decision;

        /// <summary>Continue the journal with this (its own) header.</summary>
        public sealed record Continue(JournalHeader Header) : Decision;

        /// <summary>Exit 2 with this message; nothing is touched.</summary>
        public sealed record Refuse(string Message) : Decision;
    }

    public static Decision Decide(JournalState? existing, JournalHeader wanted, bool resume)
    {
        if (existing is null)
        {
            return new Decision.StartFresh();
        }
        if (existing.Header is not { } found)
        {
            return new Decision.Refuse($"{existing.Directory} holds a journal whose header cannot be read ({existing.HeaderProblem ?? "unknown reason"}); remove that folder to start over; nothing was run or written");
        }
        if (!resume)
        {
            return existing.FinishedRuns == 0
                ? new Decision.StartFresh()
                : new Decision.Refuse($"{existing.Directory} holds an interrupted run of this sweep with {existing.FinishedRuns} finished run(s); pass --resume to continue it, or remove that folder to start over; nothing was run or written");
        }
        var differences = Differences(found, wanted).ToList();
        return differences.Count == 0
            ? new Decision.Continue(found)
            : new Decision.Refuse($"cannot resume from {existing.Directory}: {string.Join("; ", differences)}. Resume with what the interrupted run used, or remove that folder to start over; nothing was run or written");
    }

    private static IEnumerable<string> Differences(JournalHeader found, JournalHeader wanted)
    {
        if (found.Sweep != wanted.Sweep || found.SpecHash != wanted.SpecHash)
        {
            yield return $"the spec changed since the interrupted run started (spec hash {Short(found.SpecHash)} then, {Short(wanted.SpecHash)} now)";
        }
        if (found.Samples != wanted.Samples)
        {
            yield return $"the interrupted run was started {(found.Samples ? "with" : "without")} --samples";
        }
        if (found.Part != wanted.Part)
        {
            yield return $"the interrupted run was {(found.Part is null ? "not sharded" : $"shard {found.Part}")}";
        }
        if (found.ToolVersion != wanted.ToolVersion)
        {
            yield return $"the interrupted run was written by superposition {found.ToolVersion}, this is {wanted.ToolVersion}";
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
