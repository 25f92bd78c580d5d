using System.Globalization;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Specs;
using Superposition.Validation;

namespace Superposition.Sweeps;

/// <summary>
/// The per-case half of spec validation: every case of the expansion goes through
/// <see cref="NetworkBuilder.Validate(Problems.ProblemSpec, string, IReadOnlyDictionary{string, object}, string)"/> and <see cref="InputDistributions.Check"/>, the same checks the
/// pipeline's stages run, and <see cref="EvaluationLimits.Check"/>, the sizes its batches will have. One mistake usually breaks many cases (every construction and distribution
/// of an offending size), so errors are grouped by field and message and reported once, at the spec
/// path that set the value, naming the axis values every affected case shares.
/// </summary>
internal static class SweepChecks
{
    public static IReadOnlyList<SpecError> Check(SweepSpec spec)
    {
        var errors = new List<SpecError>();
        if (CheckShape(spec, errors) is not { } total)
        {
            return errors;
        }
        var groups = new Dictionary<(string Field, string Message), Group>();
        var order = new List<(string Field, string Message)>();
        foreach (var combination in SweepExpansion.Combinations(spec.Axes))
        {
            if (CaseDraft.From(SweepExpansion.ValuesOf(spec, combination)) is not { } draft)
            {
                continue; // holds a value already reported, or lacks a required one (reported too)
            }
            foreach (var error in NetworkBuilder.Validate(draft.Problem, draft.Construction, draft.Parameters))
            {
                Add((FieldOf(error.Path), error.Message), combination);
            }
            if (InputDistributions.Check(draft.InputDistribution, draft.Problem, SpecFields.InputDistribution) is { } distributionError)
            {
                Add((SpecFields.InputDistribution, distributionError.Message), combination);
            }
            if (draft.Problem.Sparsity <= draft.Problem.InputCount && draft.Problem.Sparsity >= 1)
            {
                var evaluation = spec.Evaluation;
                if (evaluation.SearchBudget > 0 && draft.InputDistribution != UniformInputs.DistributionName)
                {
                    Add((SpecFields.InputDistribution, $"\"inputs\": \"adversarial\" searches over s-subsets, the inputs of '{UniformInputs.DistributionName}'; '{draft.InputDistribution}' is not searched"), combination);
                    continue;
                }
                if (evaluation.Exhaustive)
                {
                    if (ExhaustiveError(draft, evaluation) is { } exhaustive)
                    {
                        Add((exhaustive.Path, exhaustive.Message), combination);
                        continue;
                    }
                    evaluation = evaluation with { Samples = (int)ExhaustiveCount(draft.Problem, draft.InputDistribution) };
                }
                foreach (var error in EvaluationLimits.Check(draft.Problem, evaluation))
                {
                    Add((error.Path, error.Message), combination);
                }
            }
        }
        errors.AddRange(order.Select(key => new SpecError(Locate(spec, key.Field, groups[key]), key.Message + Scope(spec, groups[key], total))));
        return errors;

        void Add((string Field, string Message) key, int[] combination)
        {
            if (groups.TryGetValue(key, out var group))
            {
                group.Include(combination);
            }
            else
            {
                groups[key] = new Group(combination);
                order.Add(key);
            }
        }
    }

    /// <summary>How many inputs an exhaustive case has: C(m, s) for <c>uniform</c>, Σ_{k ≤ s} C(m, k) for <c>up-to</c>.</summary>
    internal static long ExhaustiveCount(Problems.ProblemSpec problem, string distribution) =>
        InputEnumeration.Count(problem.InputCount, problem.Sparsity, InputEnumeration.SizesUpTo(distribution) ?? false);

    /// <summary>Why a case cannot be evaluated on every input: a distribution with no enumeration, or more inputs than the budget.</summary>
    private static SpecError? ExhaustiveError(CaseDraft draft, EvaluationSettings evaluation)
    {
        if (InputEnumeration.SizesUpTo(draft.InputDistribution) is not { } upTo)
        {
            return new SpecError(SpecFields.InputDistribution, $"\"inputs\": \"all\" enumerates the inputs of '{UniformInputs.DistributionName}' (|x| = s) or '{UpToInputs.DistributionName}' (|x| ≤ s); '{draft.InputDistribution}' has no enumeration");
        }
        var count = ExhaustiveCount(draft.Problem, draft.InputDistribution);
        if (count > evaluation.MaxInputs)
        {
            var shape = upTo ? "Σ_{k ≤ s} C(m, k)" : "C(m, s)";
            var size = count == long.MaxValue ? "more than 2^63" : count.ToString("N0", CultureInfo.InvariantCulture);
            return new SpecError(
                "evaluation.inputs",
                string.Create(CultureInfo.InvariantCulture, $"every input of m = {draft.Problem.InputCount}, s = {draft.Problem.Sparsity} is {shape} = {size} inputs, more than evaluation.max_inputs = {evaluation.MaxInputs:N0}; raise max_inputs (at most {int.MaxValue:N0}) or sample instead"));
        }
        return null;
    }

    /// <summary>Checks what a hand-built spec could get wrong that the parser rules out; returns the case count when the cases are enumerable.</summary>
    private static long? CheckShape(SweepSpec spec, List<SpecError> errors)
    {
        for (var a = 0; a < spec.Axes.Length; a++)
        {
            var axis = spec.Axes[a];
            if (axis.Fields.IsEmpty || axis.Fields.Length != axis.Values.Length || axis.Values.Any(v => v.Length != axis.Length) || axis.Length == 0)
            {
                errors.Add(new SpecError($"axes[{a}]", "an axis needs at least one field and one value, and equally many values for each field"));
            }
        }
        if (spec.Replicates < 1)
        {
            errors.Add(new SpecError("replicates", $"must be at least 1, got {spec.Replicates}"));
        }
        if (spec.Evaluation.Samples < 1 || spec.Evaluation.BatchSize < 1)
        {
            errors.Add(new SpecError("evaluation", "samples and batch_size must be at least 1"));
        }
        if (errors.Count > 0)
        {
            return null;
        }
        var total = SweepExpansion.CaseCount(spec);
        if (total > SweepExpansion.MaxCases)
        {
            errors.Add(new SpecError("axes", $"the axes expand to {(total == long.MaxValue ? "too many" : total.ToString())} cases; at most {SweepExpansion.MaxCases} are supported (split the sweep)"));
            return null;
        }
        if (total * spec.Replicates > SweepExpansion.MaxRuns)
        {
            errors.Add(new SpecError("replicates", $"{total} cases × {spec.Replicates} replicates = {total * spec.Replicates} runs; at most {SweepExpansion.MaxRuns} are supported (split the sweep)"));
        }
        return total;
    }

    /// <summary>Core reports paths relative to a problem spec and a construction request; map them to spec fields.</summary>
    private static string FieldOf(string corePath)
    {
        const string parameters = "construction_params.";
        if (corePath.StartsWith(parameters, StringComparison.Ordinal))
        {
            return SpecFields.ParamsPrefix + corePath[parameters.Length..];
        }
        if (SpecFields.Problem.Contains(corePath))
        {
            return SpecFields.ProblemPrefix + corePath;
        }
        return corePath.Length == 0 ? SpecFields.Construction : corePath;
    }

    /// <summary>Where the offending value was set: the axis position when every affected case shares it, else the axis or the base field.</summary>
    private static string Locate(SweepSpec spec, string field, Group group)
    {
        for (var a = 0; a < spec.Axes.Length; a++)
        {
            if (spec.Axes[a].Fields.Contains(field))
            {
                var path = SpecJson.Member($"axes[{a}]", field);
                return group.Shared[a] >= 0 ? SpecJson.Index(path, group.Shared[a]) : path;
            }
        }
        return field;
    }

    /// <summary>" (in 6 of 18 cases: problem.output_count=100000, construction=dedicated)", or nothing for a one-case sweep.</summary>
    private static string Scope(SweepSpec spec, Group group, long total)
    {
        if (total <= 1)
        {
            return "";
        }
        if (group.Count == total)
        {
            return $" (in all {total} cases)";
        }
        var shared = new List<string>();
        for (var a = 0; a < spec.Axes.Length; a++)
        {
            var axis = spec.Axes[a];
            if (group.Shared[a] >= 0 && axis.Length > 1)
            {
                shared.AddRange(axis.Fields.Select((field, f) => $"{field}={SpecJson.Format(axis.Values[f][group.Shared[a]])}"));
            }
        }
        return shared.Count > 0
            ? $" (in {group.Count} of {total} cases: {string.Join(", ", shared)})"
            : $" (in {group.Count} of {total} cases)";
    }

    /// <summary>The cases one error occurs in, summarised: how many, and the axis positions they all share (-1 where they differ).</summary>
    private sealed class Group(int[] first)
    {
        public int[] Shared { get; } = (int[])first.Clone();

        public long Count { get; private set; } = 1;

        public void Include(int[] combination)
        {
            Count++;
            for (var a = 0; a < Shared.Length; a++)
            {
                if (Shared[a] != combination[a])
                {
                    Shared[a] = -1;
                }
            }
        }
    }
}
