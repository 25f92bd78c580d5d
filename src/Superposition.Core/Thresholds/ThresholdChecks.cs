using System.Globalization;
using System.Text.Json;
using Superposition.Constructions;
using Superposition.Specs;
using Superposition.Sweeps;
using Superposition.Validation;

namespace Superposition.Thresholds;

/// <summary>The <c>threshold</c> object as written: typed, not yet checked against the sweep's constructions.</summary>
internal sealed record ThresholdDraft(string Parameter, double Low, double High, double Tolerance, double? Min, int MaxExpansions)
{
    private const string Path = "threshold";

    /// <summary>Reads the object, reporting every malformed or missing field; null when any was.</summary>
    public static ThresholdDraft? Read(JsonElement value, string path, List<SpecError> errors)
    {
        if (!SpecJson.RequireObject(value, path, errors))
        {
            return null;
        }
        var before = errors.Count;
        string? parameter = null;
        double? low = null, high = null, tolerance = null, min = null;
        var maxExpansions = ThresholdSpec.DefaultMaxExpansions;
        foreach (var (name, element, at) in SpecJson.Members(value, path, errors))
        {
            switch (name)
            {
                case "parameter":
                    parameter = SpecJson.String(element, at, errors);
                    break;
                case "low":
                    low = SpecJson.Number(element, at, errors);
                    break;
                case "high":
                    high = SpecJson.Number(element, at, errors);
                    break;
                case "tolerance":
                    tolerance = SpecJson.Number(element, at, errors);
                    break;
                case "min":
                    min = SpecJson.Number(element, at, errors);
                    break;
                case "max_expansions":
                    maxExpansions = (int)(SpecJson.Integer(element, at, 0, ThresholdSpec.MaxExpansionsLimit, errors) ?? maxExpansions);
                    break;
                default:
                    errors.Add(new SpecError(at, $"unknown field '{name}'; {NearestName.Hint(name, SpecFields.Threshold)}"));
                    break;
            }
        }
        Require(parameter, "parameter", "the construction parameter to search, e.g. \"neuron_factor\"");
        Require(low, "low", "the lower end of the first bracket, a value expected to give wrong inputs");
        Require(high, "high", "the upper end of the first bracket, a value expected to be exact");
        Require(tolerance, "tolerance", "how narrow the final bracket must be, a positive number");
        if (errors.Count > before)
        {
            return null;
        }
        if (!(low < high))
        {
            errors.Add(new SpecError(SpecJson.Member(path, "high"), $"must be greater than low ({Format(low!.Value)}), got {Format(high!.Value)}"));
        }
        if (!(tolerance > 0))
        {
            errors.Add(new SpecError(SpecJson.Member(path, "tolerance"), $"must be greater than 0, got {Format(tolerance!.Value)}"));
        }
        if (min is { } floor && floor > low)
        {
            errors.Add(new SpecError(SpecJson.Member(path, "min"), $"must be at most low ({Format(low!.Value)}), got {Format(floor)}"));
        }
        return errors.Count > before ? null : new ThresholdDraft(parameter!, low!.Value, high!.Value, tolerance!.Value, min, maxExpansions);

        void Require(object? field, string name, string what)
        {
            if (field is null && !errors.Any(e => e.Path == SpecJson.Member(path, name)))
            {
                errors.Add(new SpecError(SpecJson.Member(path, name), $"required: {what}"));
            }
        }
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string At(string field) => SpecJson.Member(Path, field);
}

/// <summary>
/// The threshold section against the sweep: the parameter is a real-valued parameter of every construction
/// in the sweep, not set elsewhere, its bracket and limit are valid values, the search's runs are within
/// the sweep limits, and every case passes the per-case checks at the smallest and at the largest value a
/// search can probe, so that `plan`'s yes is `run`'s yes for sizes that grow with the parameter.
/// </summary>
internal static class ThresholdChecks
{
    public static SweepSpec? Resolve(SweepSpec spec, ThresholdDraft draft, List<SpecError> errors)
    {
        var before = errors.Count;
        var parameterAt = ThresholdDraft.At("parameter");
        var field = SpecFields.ParamsPrefix + draft.Parameter;
        for (var a = 0; a < spec.Axes.Length; a++)
        {
            if (spec.Axes[a].Fields.Contains(field))
            {
                errors.Add(new SpecError(parameterAt, $"'{draft.Parameter}' is varied on axes[{a}]; the search sets it itself: remove it from the axis"));
            }
        }
        if (spec.Base.ContainsKey(field))
        {
            errors.Add(new SpecError(field, $"the threshold search sets '{draft.Parameter}' itself; remove it from params"));
        }
        var definitions = ConstructionsOf(spec).Select(name => ConstructionRegistry.Find(name)!).ToList();
        var floor = double.NegativeInfinity;
        foreach (var definition in definitions)
        {
            var parameter = definition.Parameters.FirstOrDefault(p => p.Name == draft.Parameter);
            if (parameter is null)
            {
                errors.Add(new SpecError(parameterAt, $"'{draft.Parameter}' is not a parameter of {definition.Name}; {NearestName.Hint(draft.Parameter, [.. definition.Parameters.Select(p => p.Name)])}"));
                continue;
            }
            if (parameter.IsString || parameter.Integer)
            {
                errors.Add(new SpecError(parameterAt, $"'{draft.Parameter}' of {definition.Name} is {(parameter.IsString ? "a choice" : "a whole number")}; a threshold search bisects a real-valued parameter"));
                continue;
            }
            CheckValue(parameter, definition.Name, draft.Low, "low");
            CheckValue(parameter, definition.Name, draft.High, "high");
            if (draft.Min is { } min)
            {
                CheckValue(parameter, definition.Name, min, "min");
            }
            // The smallest value the search may probe: the parameter's own limit, or just inside an open one.
            var range = parameter.Range;
            var own = range.MinimumInclusive ? range.Minimum : range.Minimum + draft.Tolerance;
            floor = Math.Max(floor, Math.Min(own, draft.Low));
        }
        if (errors.Count > before)
        {
            return null;
        }
        var threshold = new ThresholdSpec(draft.Parameter, new ThresholdSettings(draft.Low, draft.High, draft.Tolerance, draft.Min ?? floor, draft.MaxExpansions));
        foreach (var problem in threshold.Settings.Problems())
        {
            errors.Add(new SpecError("threshold", problem));
        }
        var searches = SweepExpansion.CaseCount(spec) * spec.Replicates;
        if (searches * threshold.MaxProbes > SweepExpansion.MaxRuns)
        {
            errors.Add(new SpecError("threshold", $"{searches} searches × up to {threshold.MaxProbes} probes each exceed the {SweepExpansion.MaxRuns} runs a sweep may have; widen the tolerance, lower max_expansions or split the sweep"));
        }
        CheckAt(threshold.SmallestProbe, "smallest");
        CheckAt(threshold.LargestProbe, "largest");
        return errors.Count > before ? null : spec with { Threshold = threshold };

        void CheckValue(ParameterDefinition parameter, string construction, double value, string name)
        {
            if (parameter.Check(value) is { } problem)
            {
                errors.Add(new SpecError(ThresholdDraft.At(name), $"{draft.Parameter} of {construction} {problem}"));
            }
        }

        void CheckAt(double value, string which)
        {
            var at = ThresholdProbes.At(spec, threshold, value);
            foreach (var error in SweepChecks.Check(at))
            {
                var where = which == "largest" ? "max_expansions" : "min";
                errors.Add(new SpecError(
                    ThresholdDraft.At(where),
                    $"at {field} = {ThresholdDraft.Format(value)}, the {which} value a search can probe: {error.Path}: {error.Message}"));
            }
        }
    }

    /// <summary>The construction names the sweep's cases use: the base construction and every value of a construction axis.</summary>
    private static SortedSet<string> ConstructionsOf(SweepSpec spec)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (spec.Base.TryGetValue(SpecFields.Construction, out var name) && !spec.Axes.Any(a => a.Fields.Contains(SpecFields.Construction)))
        {
            names.Add((string)name);
        }
        foreach (var axis in spec.Axes)
        {
            var index = axis.Fields.IndexOf(SpecFields.Construction);
            if (index >= 0)
            {
                names.UnionWith(axis.Values[index].Cast<string>());
            }
        }
        return names;
    }
}
