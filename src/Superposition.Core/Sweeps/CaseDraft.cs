using System.Collections.Immutable;
using Superposition.Problems;
using Superposition.Specs;

namespace Superposition.Sweeps;

/// <summary>
/// One combination of axis values turned into typed case parts, with the documented defaults filled
/// in; parameters are still raw (as written), because resolving them is per construction and reports
/// errors. Shared by the parser's per-case checks and by the expansion, so both see the same cases.
/// </summary>
internal sealed record CaseDraft(ProblemSpec Problem, string Construction, ImmutableSortedDictionary<string, object> Parameters, string InputDistribution)
{
    /// <summary>Identifies the construction request (name and raw parameters): equal keys resolve to equal parameters.</summary>
    public string RequestKey => Construction + "\u0001" + string.Join("\u0001", Parameters.Select(p => $"{p.Key}={(p.Value is double ? "n" : "s")}{SpecJson.Format(p.Value)}"));

    /// <summary>The draft for field values by path, or null when a required value is missing or was reported invalid.</summary>
    public static CaseDraft? From(IReadOnlyDictionary<string, object> values)
    {
        if (values.Values.Any(v => ReferenceEquals(v, CaseFieldValues.Invalid))
            || SpecFields.Required.Any(f => !values.ContainsKey(f)))
        {
            return null;
        }
        var kind = Word(values, SpecFields.Kind, "and") switch
        {
            "permutation" => ProblemKind.Permutation,
            "circuit" => ProblemKind.Circuit,
            _ => ProblemKind.And,
        };
        var problem = new ProblemSpec(
            kind,
            Word(values, SpecFields.Graph, kind switch { ProblemKind.And => "random", ProblemKind.Permutation => "permutation", _ => "random-layered" }),
            Whole(values, SpecFields.InputCount, 0),
            Whole(values, SpecFields.OutputCount, 0),
            Whole(values, SpecFields.Sparsity, 0),
            Whole(values, SpecFields.HubCount, 0),
            Number(values, SpecFields.HubFraction, SpecFields.DefaultHubFraction),
            Number(values, SpecFields.PowerLawExponent, SpecFields.DefaultPowerLawExponent),
            Whole(values, SpecFields.Depth, 1));
        var parameters = values
            .Where(v => v.Key.StartsWith(SpecFields.ParamsPrefix, StringComparison.Ordinal))
            .ToImmutableSortedDictionary(v => v.Key[SpecFields.ParamsPrefix.Length..], v => v.Value, StringComparer.Ordinal);
        return new CaseDraft(problem, (string)values[SpecFields.Construction], parameters, Word(values, SpecFields.InputDistribution, "uniform"));
    }

    private static string Word(IReadOnlyDictionary<string, object> values, string field, string fallback) =>
        values.TryGetValue(field, out var value) ? (string)value : fallback;

    /// <summary>Counts were checked to be whole numbers within int range when read.</summary>
    private static int Whole(IReadOnlyDictionary<string, object> values, string field, int fallback) =>
        values.TryGetValue(field, out var value) ? checked((int)(double)value) : fallback;

    private static double Number(IReadOnlyDictionary<string, object> values, string field, double fallback) =>
        values.TryGetValue(field, out var value) ? (double)value : fallback;
}
