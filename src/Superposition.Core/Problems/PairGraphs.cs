using System.Collections.Immutable;
using Superposition.Randomness;
using Superposition.Validation;

namespace Superposition.Problems;

/// <summary>
/// Seeded pair-set generators (docs/mathematics.md §2). Invalid requests are errors, never silent
/// truncation.
/// </summary>
public static class PairGraphs
{
    public static ImmutableArray<string> Names { get; } = ["random", "complete", "hubs", "power-law", "matching"];

    /// <summary>Every problem with the shape of a 2-AND request, each with its path under <paramref name="path"/>.</summary>
    public static IEnumerable<SpecError> Validate(ProblemSpec spec, string path = "")
    {
        string At(string field) => path.Length == 0 ? field : $"{path}.{field}";
        if (!Names.Contains(spec.Graph))
        {
            yield return new SpecError(At("graph"), $"unknown pair-set generator '{spec.Graph}'; expected one of {string.Join(", ", Names)}");
            yield break;
        }
        if (spec.InputCount < 2)
        {
            yield return new SpecError(At("input_count"), $"2-AND needs at least 2 inputs, got {spec.InputCount}");
            yield break;
        }
        if (spec.OutputCount < 1)
        {
            yield return new SpecError(At("output_count"), $"must be at least 1, got {spec.OutputCount}");
            yield break;
        }
        if (2L * spec.OutputCount > Array.MaxLength)
        {
            // The adjacency holds both ends of every pair in one array, as do M's columns for one-per-pair constructions.
            yield return new SpecError(At("output_count"), $"{spec.OutputCount} pairs have {2L * spec.OutputCount} ends, more than the {Array.MaxLength} that one array holds");
        }
        else if (spec.OutputCount > spec.PossiblePairs)
        {
            yield return new SpecError(At("output_count"), $"{spec.OutputCount} pairs exceed C(m,2) = {spec.PossiblePairs} for m = {spec.InputCount}");
        }
        switch (spec.Graph)
        {
            case "complete" when spec.OutputCount != spec.PossiblePairs:
                yield return new SpecError(At("output_count"), $"the complete graph on m = {spec.InputCount} inputs has exactly C(m,2) = {spec.PossiblePairs} pairs, got {spec.OutputCount}");
                break;
            case "matching" when (long)spec.OutputCount * 2 > spec.InputCount:
                yield return new SpecError(At("output_count"), $"a matching of {spec.OutputCount} disjoint pairs needs m ≥ 2m' = {2L * spec.OutputCount} inputs, got {spec.InputCount}");
                break;
            case "hubs":
                if (spec.HubCount < 0 || spec.EffectiveHubCount >= spec.InputCount)
                {
                    yield return new SpecError(At("hub_count"), $"must be between 1 and m - 1 = {spec.InputCount - 1} (0 picks ⌈log2 m⌉), got {spec.HubCount}");
                }
                else if (!(spec.HubFraction is >= 0 and <= 1))
                {
                    yield return new SpecError(At("hub_fraction"), $"must lie in [0, 1], got {spec.HubFraction}");
                }
                else if (HubPairCount(spec) > HubPairCapacity(spec))
                {
                    yield return new SpecError(At("hub_fraction"), $"{HubPairCount(spec)} hub pairs exceed the {HubPairCapacity(spec)} distinct pairs that {spec.EffectiveHubCount} hubs have");
                }
                break;
            case "power-law" when !(spec.PowerLawExponent is >= 0 and <= 4):
                yield return new SpecError(At("power_law_exponent"), $"must lie in [0, 4], got {spec.PowerLawExponent}");
                break;
        }
    }

    /// <summary>Generates the pair set of a valid spec; throws <see cref="InvalidSpecException"/> otherwise.</summary>
    public static PairSet Generate(ProblemSpec spec, Seed seed)
    {
        InvalidSpecException.ThrowIfAny([.. Validate(spec)]);
        var rng = new Rng(seed);
        var pairs = new PairAccumulator(spec.InputCount, spec.OutputCount);
        switch (spec.Graph)
        {
            case "random":
                AddUniform(pairs, rng, spec.OutputCount);
                break;
            case "complete":
                for (var i = 0; i < spec.InputCount; i++)
                {
                    for (var j = i + 1; j < spec.InputCount; j++)
                    {
                        pairs.TryAdd(i, j);
                    }
                }
                break;
            case "matching":
                var order = Enumerable.Range(0, spec.InputCount).ToArray();
                Sampling.Shuffle(rng, order.AsSpan());
                for (var e = 0; e < spec.OutputCount; e++)
                {
                    pairs.TryAdd(order[2 * e], order[(2 * e) + 1]);
                }
                break;
            case "hubs":
                AddHubs(pairs, rng, spec);
                AddUniform(pairs, rng, spec.OutputCount - pairs.Count);
                break;
            case "power-law":
                AddPowerLaw(pairs, rng, spec);
                break;
        }
        return pairs.ToPairSet();
    }

    private static long HubPairCount(ProblemSpec spec) => (long)Math.Floor(spec.HubFraction * spec.OutputCount);

    private static long HubPairCapacity(ProblemSpec spec)
    {
        long hubs = spec.EffectiveHubCount;
        return (hubs * (spec.InputCount - 1)) - (hubs * (hubs - 1) / 2);
    }

    /// <summary>
    /// Adds <paramref name="count"/> pairs drawn uniformly among those not yet present. When the request
    /// is dense, draws the complement instead, so the loop never stalls near C(m,2).
    /// </summary>
    private static void AddUniform(PairAccumulator pairs, Rng rng, long count)
    {
        var m = pairs.InputCount;
        long possible = (long)m * (m - 1) / 2;
        var free = possible - pairs.Count;
        if (count <= free / 2)
        {
            var target = pairs.Count + count;
            while (pairs.Count < target)
            {
                var (i, j) = UniformPair(rng, m);
                pairs.TryAdd(i, j);
            }
            return;
        }
        // Dense: choose the (free - count) pairs to leave out, then add all other free pairs in random order.
        var excluded = new HashSet<long>();
        while (excluded.Count < free - count)
        {
            var (i, j) = UniformPair(rng, m);
            if (!pairs.Contains(i, j))
            {
                excluded.Add(PairAccumulator.Key(i, j));
            }
        }
        var added = new List<(int, int)>();
        for (var i = 0; i < m; i++)
        {
            for (var j = i + 1; j < m; j++)
            {
                if (!pairs.Contains(i, j) && !excluded.Contains(PairAccumulator.Key(i, j)))
                {
                    added.Add((i, j));
                }
            }
        }
        var shuffled = added.ToArray();
        Sampling.Shuffle(rng, shuffled.AsSpan());
        foreach (var (i, j) in shuffled)
        {
            pairs.TryAdd(i, j);
        }
    }

    private static (int, int) UniformPair(Rng rng, int inputCount)
    {
        var i = rng.NextInt(inputCount);
        var j = rng.NextInt(inputCount - 1);
        if (j >= i)
        {
            j++;
        }
        return (i, j);
    }

    private static void AddHubs(PairAccumulator pairs, Rng rng, ProblemSpec spec)
    {
        var hubs = new int[spec.EffectiveHubCount];
        Sampling.DistinctInRange(rng, 0, spec.InputCount, hubs);
        var target = HubPairCount(spec);
        var capacity = HubPairCapacity(spec);
        if (target * 2 > capacity)
        {
            // Dense hub neighbourhoods: enumerate every hub pair and keep a random subset.
            var all = new List<(int, int)>();
            var isHub = hubs.ToHashSet();
            foreach (var hub in hubs)
            {
                for (var other = 0; other < spec.InputCount; other++)
                {
                    if (other != hub && !(isHub.Contains(other) && other < hub))
                    {
                        all.Add((hub, other));
                    }
                }
            }
            var shuffled = all.ToArray();
            Sampling.Shuffle(rng, shuffled.AsSpan());
            foreach (var (a, b) in shuffled.AsSpan(0, (int)target))
            {
                pairs.TryAdd(a, b);
            }
            return;
        }
        while (pairs.Count < target)
        {
            var hub = hubs[rng.NextInt(hubs.Length)];
            var other = rng.NextInt(spec.InputCount - 1);
            if (other >= hub)
            {
                other++;
            }
            pairs.TryAdd(hub, other);
        }
    }

    /// <summary>
    /// Both ends drawn from a Zipf law over a random ranking of the inputs (P(rank r) ∝ (r+1)^-α), duplicates
    /// rejected, for at most 50 m' + 1000 draws. A law too steep for m' distinct pairs (little mass left on the
    /// pairs not yet drawn) would stall there, so the pairs still missing are then added in order of decreasing
    /// probability under the law (<see cref="AddMostProbable"/>): every m' ≤ C(m,2) is met, and a set that the
    /// draws complete within the budget is exactly the set they drew.
    /// </summary>
    private static void AddPowerLaw(PairAccumulator pairs, Rng rng, ProblemSpec spec)
    {
        var m = spec.InputCount;
        var ranking = Enumerable.Range(0, m).ToArray();
        Sampling.Shuffle(rng, ranking.AsSpan());
        var cumulative = new double[m];
        var total = 0.0;
        for (var r = 0; r < m; r++)
        {
            total += Math.Pow(r + 1, -spec.PowerLawExponent);
            cumulative[r] = total;
        }
        int Draw()
        {
            var position = Array.BinarySearch(cumulative, rng.NextDouble() * total);
            return ranking[Math.Min(position < 0 ? ~position : position, m - 1)];
        }
        var budget = (50L * spec.OutputCount) + 1000;
        for (long attempt = 0; attempt < budget && pairs.Count < spec.OutputCount; attempt++)
        {
            var (i, j) = (Draw(), Draw());
            if (i != j)
            {
                pairs.TryAdd(i, j);
            }
        }
        AddMostProbable(pairs, ranking, spec.OutputCount);
    }

    /// <summary>
    /// Adds pairs not yet present, in order of decreasing probability under the Zipf law, until there are
    /// <paramref name="target"/>: the pair of ranks a &lt; b has probability ∝ ((a+1)(b+1))^-α, so for every α
    /// the order is by increasing (a+1)(b+1), ties by the lower rank a (which then fixes b). The order is a
    /// tree: (a, b+1) follows (a, b), and (a+1, a+2) follows (a, a+1), each no earlier than its parent, so
    /// taking the least of a heap that holds at most one pair per rank a walks it in order; at most 2m' pairs
    /// are visited (each is new or one of the m' already present).
    /// </summary>
    private static void AddMostProbable(PairAccumulator pairs, int[] ranking, int target)
    {
        var m = ranking.Length;
        var frontier = new PriorityQueue<(int A, int B), (long Product, int A)>();
        frontier.Enqueue((0, 1), (2, 0));
        while (pairs.Count < target && frontier.TryDequeue(out var pair, out _))
        {
            var (a, b) = pair;
            pairs.TryAdd(ranking[a], ranking[b]);
            if (b + 1 < m)
            {
                frontier.Enqueue((a, b + 1), ((long)(a + 1) * (b + 2), a));
            }
            if (b == a + 1 && a + 2 < m)
            {
                frontier.Enqueue((a + 1, a + 2), ((long)(a + 2) * (a + 3), a + 1));
            }
        }
    }

    private sealed class PairAccumulator(int inputCount, int capacity)
    {
        private readonly HashSet<long> _seen = new(capacity);
        private readonly List<int> _first = new(capacity);
        private readonly List<int> _second = new(capacity);

        public int InputCount { get; } = inputCount;

        public int Count => _first.Count;

        public static long Key(int i, int j) => ((long)Math.Min(i, j) << 32) | (uint)Math.Max(i, j);

        public bool Contains(int i, int j) => _seen.Contains(Key(i, j));

        public bool TryAdd(int i, int j)
        {
            if (!_seen.Add(Key(i, j)))
            {
                return false;
            }
            _first.Add(Math.Min(i, j));
            _second.Add(Math.Max(i, j));
            return true;
        }

        public PairSet ToPairSet() => new(InputCount, [.. _first], [.. _second]);
    }
}
