using System.Globalization;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Statistics;

namespace Superposition.Verification;

/// <summary>
/// What can be checked of a network by evaluating it (the verify verb): the problem instance is
/// consistent with the network; on every applicable input distribution, a seeded sample's error rate
/// with its 95% Clopper–Pearson upper bound, and its false negatives (a failure where the network
/// claims none, a measurement otherwise); and, when there are few enough, every input with at most s
/// active features. Failures name the outputs that fail. Pure: the same network, options and seed give
/// the same table.
/// </summary>
public static class NetworkVerification
{
    private const int BatchSize = 4096;

    /// <summary>How many outputs a failure lists by name before it says "and N more".</summary>
    private const int NamedOutputs = 5;

    public static IReadOnlyList<VerificationCheck> Verify(Network network, VerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        var checks = new List<VerificationCheck> { InstanceCheck(network) };
        if (checks[0].Verdict == Verdict.Fail)
        {
            return checks;
        }
        var spec = network.Problem.Spec;
        foreach (var distribution in InputDistributions.Names.Where(name => InputDistributions.Check(name, spec, "") is null))
        {
            var seed = options.Seed.Derive(distribution);
            var tally = Tally.Of(network, Batches(options.Samples, batch => InputSamplers.Batch(network.Problem, distribution, batch * BatchSize, Math.Min(BatchSize, options.Samples - (batch * BatchSize)), seed.Derive(batch))));
            checks.AddRange(tally.Checks($"{distribution}, {Count(options.Samples)} samples", network, options));
        }
        var inputs = InputsUpTo(spec.InputCount, spec.Sparsity);
        if (inputs > options.ExhaustiveBudget)
        {
            checks.Add(new VerificationCheck($"every input with |x| ≤ {spec.Sparsity}", Verdict.Skipped, $"{(inputs == long.MaxValue ? "more than 2^63" : Count(inputs))} inputs is more than the budget of {Count(options.ExhaustiveBudget)}"));
        }
        else
        {
            var tally = Tally.Of(network, Exhaustive(network.Problem));
            checks.AddRange(tally.Checks($"every input with |x| ≤ {spec.Sparsity} ({Count(inputs)})", network, options));
        }
        return checks;
    }

    /// <summary>Σ_{k ≤ s} C(m, k), saturating at long.MaxValue.</summary>
    public static long InputsUpTo(int inputs, int sparsity)
    {
        long total = 0;
        double term = 1;
        for (var k = 0; k <= sparsity; k++)
        {
            if (k > 0)
            {
                term = term * (inputs - k + 1) / k;
            }
            if (total + term >= long.MaxValue / 2)
            {
                return long.MaxValue;
            }
            total += (long)Math.Round(term);
        }
        return total;
    }

    private static VerificationCheck InstanceCheck(Network network)
    {
        var problem = network.Problem;
        const string Name = "problem instance";
        if (network.Input.FeatureCount != (network.Input is InputStage.Targets ? problem.OutputCount : problem.InputCount) || network.Readout.OutputCount != problem.OutputCount)
        {
            return new VerificationCheck(Name, Verdict.Fail, $"the network reads {network.Input.FeatureCount} features and gives {network.Readout.OutputCount} outputs for m = {problem.InputCount}, m' = {problem.OutputCount}");
        }
        switch (problem)
        {
            case AndProblem and:
                var seen = new HashSet<(int, int)>();
                for (var e = 0; e < and.Pairs.Count; e++)
                {
                    var (i, j) = (and.Pairs.First[e], and.Pairs.Second[e]);
                    if (i < 0 || j >= problem.InputCount || i >= j || !seen.Add((i, j)))
                    {
                        return new VerificationCheck(Name, Verdict.Fail, $"pair {e} = ({i}, {j}) is out of range, not ordered or repeated");
                    }
                }
                return new VerificationCheck(Name, Verdict.Pass, $"2-AND, m = {problem.InputCount}, m' = {problem.OutputCount}, s = {problem.Sparsity}: {and.Pairs.Count} distinct pairs of inputs below m");
            case PermutationProblem permutation:
                var distinct = permutation.Permutation.Distinct().Count() == problem.OutputCount && permutation.Permutation.All(p => p >= 0 && p < problem.OutputCount);
                return new VerificationCheck(Name, distinct ? Verdict.Pass : Verdict.Fail, $"permutation of m = {problem.InputCount}, s = {problem.Sparsity}{(distinct ? "" : ": not a permutation of the outputs")}");
            case CircuitProblem circuit:
                var below = problem.InputCount;
                for (var k = 0; k < circuit.Circuit.Depth; k++)
                {
                    var layer = circuit.Circuit.Layers[k];
                    var gates = new HashSet<(int, int)>();
                    for (var g = 0; g < layer.Count; g++)
                    {
                        var (i, j) = (layer.First[g], layer.Second[g]);
                        if (i < 0 || j >= below || i >= j || !gates.Add((i, j)))
                        {
                            return new VerificationCheck(Name, Verdict.Fail, $"gate {g} of layer {k} = ({i}, {j}) is out of range, not ordered or repeated");
                        }
                    }
                    below = layer.Count;
                }
                return new VerificationCheck(Name, Verdict.Pass, $"circuit of depth {circuit.Circuit.Depth}, m = {problem.InputCount}, gates per layer {string.Join(" / ", Enumerable.Range(0, circuit.Circuit.Depth).Select(circuit.Circuit.Width))}, s = {problem.Sparsity}: every layer distinct ordered pairs of the layer below");
            default:
                return new VerificationCheck(Name, Verdict.Fail, $"unknown problem kind {problem.GetType().Name}");
        }
    }

    private static IEnumerable<SampleBatch> Batches(int samples, Func<int, SampleBatch> batch)
    {
        for (var k = 0; (long)k * BatchSize < samples; k++)
        {
            yield return batch(k);
        }
    }

    /// <summary>Every input with at most s active features, in batches, ascending within each input.</summary>
    private static IEnumerable<SampleBatch> Exhaustive(Problem problem)
    {
        var truth = new int[Math.Max(1, problem.MaxTrueOutputs)];
        var builder = new BatchBuilder();
        var current = new int[problem.Sparsity];
        var first = 0;
        foreach (var size in Enumerable.Range(0, problem.Sparsity + 1))
        {
            // All size-subsets of [0, m) in lexicographic order.
            for (var k = 0; k < size; k++)
            {
                current[k] = k;
            }
            if (size > problem.InputCount)
            {
                break;
            }
            while (true)
            {
                var input = current.AsSpan(0, size);
                builder.Add(input, truth.AsSpan(0, problem.TrueOutputs(input, truth)));
                if (builder.Count == BatchSize)
                {
                    yield return builder.Take(first);
                    first += BatchSize;
                }
                var position = size - 1;
                while (position >= 0 && current[position] == problem.InputCount - size + position)
                {
                    position--;
                }
                if (position < 0)
                {
                    break;
                }
                current[position]++;
                for (var k = position + 1; k < size; k++)
                {
                    current[k] = current[k - 1] + 1;
                }
            }
        }
        if (builder.Count > 0)
        {
            yield return builder.Take(first);
        }
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed class BatchBuilder
    {
        private readonly List<int> _active = [];
        private readonly List<int> _activeOffsets = [0];
        private readonly List<int> _truth = [];
        private readonly List<int> _truthOffsets = [0];

        public int Count => _activeOffsets.Count - 1;

        public void Add(ReadOnlySpan<int> active, ReadOnlySpan<int> truth)
        {
            _active.AddRange(active);
            _activeOffsets.Add(_active.Count);
            _truth.AddRange(truth);
            _truthOffsets.Add(_truth.Count);
        }

        public SampleBatch Take(int first)
        {
            var batch = new SampleBatch(first, [.. _activeOffsets], [.. _active], [.. _truthOffsets], [.. _truth]);
            _active.Clear();
            _truth.Clear();
            _activeOffsets.RemoveRange(1, _activeOffsets.Count - 1);
            _truthOffsets.RemoveRange(1, _truthOffsets.Count - 1);
            return batch;
        }
    }

    /// <summary>Errors of a set of inputs, with the false negatives and false positives of each output.</summary>
    private sealed class Tally
    {
        private ErrorStatistics _statistics = ErrorStatistics.Empty;
        private long[] _falseNegatives = [];
        private long[] _falsePositives = [];

        public static Tally Of(Network network, IEnumerable<SampleBatch> batches)
        {
            var tally = new Tally { _falseNegatives = new long[network.Problem.OutputCount], _falsePositives = new long[network.Problem.OutputCount] };
            var scratch = new EvaluationScratch(network);
            foreach (var batch in batches)
            {
                var outcome = NetworkEvaluator.Evaluate(network, batch, scratch);
                tally._statistics = tally._statistics.Combine(Scoring.Score(network.Problem, batch, outcome, keepSamples: false).Statistics);
                for (var k = 0; k < batch.Count; k++)
                {
                    var decoded = outcome.DecodedOutputs(k);
                    var truth = batch.Truth(k);
                    foreach (var output in truth)
                    {
                        tally._falseNegatives[output] += decoded.BinarySearch(output) >= 0 ? 0 : 1;
                    }
                    foreach (var output in decoded)
                    {
                        tally._falsePositives[output] += truth.BinarySearch(output) >= 0 ? 0 : 1;
                    }
                }
            }
            return tally;
        }

        public IEnumerable<VerificationCheck> Checks(string over, Network network, VerificationOptions options)
        {
            var statistics = _statistics;
            var negatives = Named(_falseNegatives, network.Problem);
            yield return new VerificationCheck(
                $"no false negatives ({over})",
                statistics.FalseNegatives == 0 ? (options.ClaimsNoFalseNegatives || options.ClaimsExact ? Verdict.Pass : Verdict.Measured) : options.ClaimsNoFalseNegatives || options.ClaimsExact ? Verdict.Fail : Verdict.Measured,
                statistics.FalseNegatives == 0
                    ? $"none{(options.ClaimsNoFalseNegatives || options.ClaimsExact ? " (claimed by the network)" : " (not claimed by the network: a measurement)")}"
                    : $"{Count(statistics.FalseNegatives)} missed true outputs: {negatives}{(options.ClaimsNoFalseNegatives || options.ClaimsExact ? "" : " (not claimed by the network: a measurement)")}");
            var rate = statistics.SampleErrorRate;
            var upper = statistics.SampleErrorRateUpper95;
            var detail = $"{Count(statistics.WrongSamples)} of {Count(statistics.Samples)} wrong: {rate.ToString("0.######", CultureInfo.InvariantCulture)} (95% upper bound {upper.ToString("0.######", CultureInfo.InvariantCulture)})";
            if (statistics.FalsePositives > 0)
            {
                detail += $"; false positives: {Named(_falsePositives, network.Problem)}";
            }
            yield return new VerificationCheck($"error rate ({over})", options.ClaimsExact ? (statistics.WrongSamples == 0 ? Verdict.Pass : Verdict.Fail) : Verdict.Measured, detail);
        }

        /// <summary>"output 3 (inputs 1 ∧ 4) 120 times, …": the outputs with errors, most frequent first.</summary>
        private static string Named(long[] counts, Problem problem)
        {
            var failing = Enumerable.Range(0, counts.Length).Where(e => counts[e] > 0).OrderByDescending(e => counts[e]).ThenBy(e => e).ToArray();
            var named = failing.Take(NamedOutputs).Select(e => $"output {e}{What(problem, e)} {Count(counts[e])} times");
            return string.Join(", ", named) + (failing.Length > NamedOutputs ? $" and {failing.Length - NamedOutputs} more outputs" : "");
        }

        private static string What(Problem problem, int output) => problem switch
        {
            AndProblem and => $" (inputs {and.Pairs.First[output]} ∧ {and.Pairs.Second[output]})",
            PermutationProblem permutation => $" (input {permutation.Permutation.IndexOf(output)})",
            _ => "",
        };
    }
}
