using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Superposition.Constructions;
using Superposition.Inputs;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Specs;
using Superposition.Validation;

namespace Superposition.Sweeps;

/// <summary>
/// Turns a valid sweep spec into its (case, replicate) runs: the cartesian product of the axes (first
/// axis outermost), replicates innermost. Case ids and seeds are hashes of what a case is, not of its
/// position, so adding an axis value, reordering axes or sharding a sweep never changes the id or the
/// seeds of any other case, and datasets of different runs join on case_id (docs/spec-format.md).
/// </summary>
public static class SweepExpansion
{
    /// <summary>At most this many cases (axis combinations) per sweep.</summary>
    public const int MaxCases = 100_000;

    /// <summary>At most this many (case, replicate) runs per sweep.</summary>
    public const long MaxRuns = 1_000_000;

    /// <summary>Characters of hex SHA-256 in a case id: 48 bits, so a collision among 10^5 cases has odds of about 10^-5.</summary>
    public const int CaseIdLength = 12;

    /// <summary>Every run of <paramref name="spec"/> in order; a <see cref="SweepSpec"/> is valid by construction.</summary>
    public static ImmutableArray<RunCase> Expand(SweepSpec spec) => [.. Enumerate(spec)];

    /// <summary>
    /// The runs of <see cref="Expand"/>, one at a time, so a caller that only counts or lists them (`plan`)
    /// holds none: memory grows with the number of cases (to find duplicates), not of runs.
    /// </summary>
    public static IEnumerable<RunCase> Enumerate(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Runs(spec);
    }

    private static IEnumerable<RunCase> Runs(SweepSpec spec)
    {
        var root = new Seed(spec.RootSeed);
        var (problemRoot, sampleRoot, constructionRoot) = (root.Derive("problem"), root.Derive("samples"), root.Derive("construction"));
        var index = 0;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        // Sweeps repeat a few problems and parameter sets across many cases: resolve and write each once.
        var problemTexts = new Dictionary<ProblemSpec, string>();
        var resolutions = new Dictionary<string, (string Text, ConstructionRequest Request)>(StringComparer.Ordinal);
        var position = 0;
        foreach (var combination in Combinations(spec.Axes))
        {
            var draft = CaseDraft.From(ValuesOf(spec, combination))
                ?? throw new InvalidSpecException([new SpecError("axes", $"case {position} lacks a required value or holds an invalid one")]);
            if (!problemTexts.TryGetValue(draft.Problem, out var problemText))
            {
                problemTexts[draft.Problem] = problemText = CanonicalJson.Problem(draft.Problem);
            }
            var request = draft.RequestKey;
            if (!resolutions.TryGetValue(request, out var resolution))
            {
                // The spec passed every check when parsed, so the request resolves.
                var resolved = ConstructionRegistry.Find(draft.Construction)!.Resolve(draft.Parameters, "params").Request!;
                resolutions[request] = resolution = (CanonicalJson.Parameters(resolved.Values), resolved);
            }
            var caseText = CanonicalJson.Case(draft.Construction, draft.InputDistribution, resolution.Text, problemText);
            var samplesText = CanonicalJson.Samples(draft.InputDistribution, problemText);
            var networkText = CanonicalJson.Network(draft.Construction, resolution.Text, problemText);
            var caseId = new CaseId(CaseIdOf(caseText));
            var distribution = InputDistributionRegistry.Find(draft.InputDistribution)!;
            if (!positions.TryAdd(caseId.Value, position))
            {
                throw new InvalidSpecException([new SpecError("axes", $"cases {positions[caseId.Value]} and {position} are the same case {caseId}")]);
            }
            // Exhaustive: the parser checked that the count is within max_inputs, so it fits an int.
            var samples = spec.Evaluation.Exhaustive ? (int)SweepChecks.ExhaustiveCount(draft.Problem, draft.InputDistribution) : spec.Evaluation.Samples;
            for (var replicate = 0; replicate < spec.Replicates; replicate++)
            {
                yield return new RunCase(
                    spec.Name,
                    index++,
                    caseId,
                    replicate,
                    draft.Problem,
                    resolution.Request,
                    distribution,
                    samples,
                    spec.Evaluation.BatchSize,
                    ProblemSeed: problemRoot.Derive(problemText).Derive(replicate),
                    ConstructionSeed: constructionRoot.Derive(networkText).Derive(replicate),
                    SampleSeed: sampleRoot.Derive(samplesText).Derive(replicate),
                    Exhaustive: spec.Evaluation.Exhaustive,
                    SearchBudget: spec.Evaluation.SearchBudget);
            }
            position++;
        }
    }

    /// <summary>
    /// The shard (0 ≤ shard &lt; <paramref name="shardCount"/>) a run belongs to for <c>--shard i/N</c>: a
    /// hash of (case id, replicate), so it is the same on every machine and in every process, and
    /// independent of the order or number of other cases.
    /// </summary>
    public static int ShardOf(string caseId, int replicate, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{caseId}/{replicate}")));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)shardCount);
    }

    /// <summary>Number of cases (without replicates): the product of the axis lengths, saturating at <see cref="long.MaxValue"/>.</summary>
    public static long CaseCount(SweepSpec spec)
    {
        long count = 1;
        foreach (var axis in spec.Axes)
        {
            count = axis.Length == 0 ? 0 : count > long.MaxValue / axis.Length ? long.MaxValue : count * axis.Length;
        }
        return count;
    }

    /// <summary>First 12 hex characters of SHA-256 of the canonical case text.</summary>
    internal static string CaseIdOf(string canonicalCase) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalCase)))[..CaseIdLength];

    /// <summary>Every combination of axis positions, first axis outermost (slowest), last axis fastest.</summary>
    internal static IEnumerable<int[]> Combinations(ImmutableArray<SweepAxis> axes)
    {
        if (axes.Any(a => a.Length == 0))
        {
            yield break;
        }
        var positions = new int[axes.Length];
        while (true)
        {
            yield return (int[])positions.Clone();
            var a = axes.Length - 1;
            while (a >= 0 && ++positions[a] == axes[a].Length)
            {
                positions[a] = 0;
                a--;
            }
            if (a < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>The base values with the axis values of one combination laid over them.</summary>
    internal static Dictionary<string, object> ValuesOf(SweepSpec spec, int[] combination)
    {
        var values = new Dictionary<string, object>(spec.Base, StringComparer.Ordinal);
        for (var a = 0; a < spec.Axes.Length; a++)
        {
            var axis = spec.Axes[a];
            for (var f = 0; f < axis.Fields.Length; f++)
            {
                values[axis.Fields[f]] = axis.Values[f][combination[a]];
            }
        }
        return values;
    }
}
