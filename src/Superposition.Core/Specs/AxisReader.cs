using System.Collections.Immutable;
using System.Text.Json;
using Superposition.Validation;

namespace Superposition.Specs;

/// <summary>
/// Reads "axes": a list of objects, each mapping field paths to equally long value lists (zipped);
/// the list combines as a cartesian product. Reports unknown paths (with the nearest valid one),
/// empty axes, unequal lengths, a field on two axes and repeated values.
/// </summary>
internal static class AxisReader
{
    /// <param name="IsValid">False when the axes are malformed, so the cases they define are not well defined.</param>
    /// <param name="Fields">Every valid field path an axis names, even on a malformed axis (so it is not also reported missing).</param>
    public sealed record Reading(ImmutableArray<SweepAxis> Axes, bool IsValid, HashSet<string> Fields);

    public static Reading Read(JsonElement value, string path, List<SpecError> errors)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new SpecError(path, $"expected an array of axis objects, got {SpecJson.Describe(value)}"));
            return new Reading([], false, fields);
        }
        var axes = ImmutableArray.CreateBuilder<SweepAxis>();
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = true;
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var axisPath = SpecJson.Index(path, index);
            if (ReadAxis(element, axisPath, index, owner, fields, errors) is { } axis)
            {
                axes.Add(axis);
            }
            else
            {
                valid = false;
            }
            index++;
        }
        return new Reading(axes.ToImmutable(), valid, fields);
    }

    /// <summary>
    /// One axis, or null when it is malformed or none of its fields could be used (the errors are
    /// reported). Null makes the whole reading invalid, so the axes of the spec keep their JSON indices.
    /// </summary>
    private static SweepAxis? ReadAxis(JsonElement element, string axisPath, int axisIndex, Dictionary<string, int> owner, HashSet<string> mentioned, List<SpecError> errors)
    {
        if (!SpecJson.RequireObject(element, axisPath, errors))
        {
            return null;
        }
        var members = SpecJson.Members(element, axisPath, errors);
        if (members.Count == 0)
        {
            errors.Add(new SpecError(axisPath, "an axis needs at least one field, for example { \"problem.output_count\": [1000, 10000] }"));
            return null;
        }
        var wellFormed = CheckLengths(members, errors);
        var fields = new List<(string Field, string Path, ImmutableArray<object> Values)>();
        foreach (var (name, list, path) in members)
        {
            if (!SpecFields.IsCaseField(name))
            {
                // Reported and ignored: the rest of the axis still defines cases worth checking.
                errors.Add(new SpecError(path, $"unknown axis field '{name}'; {NearestName.Hint(name, SpecFields.AxisPaths)}"));
                continue;
            }
            mentioned.Add(name);
            if (owner.TryGetValue(name, out var other))
            {
                errors.Add(new SpecError(path, $"'{name}' is already varied by axes[{other}]; a field may be on one axis only (put fields that vary together in one axis object)"));
                continue;
            }
            owner[name] = axisIndex;
            if (list.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new SpecError(path, $"expected an array of values, got {SpecJson.Describe(list)}"));
                wellFormed = false;
                continue;
            }
            if (list.GetArrayLength() == 0)
            {
                errors.Add(new SpecError(path, "an axis needs at least one value"));
                wellFormed = false;
                continue;
            }
            var values = list.EnumerateArray().Select((item, j) => CaseFieldValues.Read(name, item, SpecJson.Index(path, j), errors)).ToImmutableArray();
            fields.Add((name, path, values));
        }
        if (wellFormed && fields.Count > 0)
        {
            ReportRepeats(fields, errors);
        }
        return wellFormed && fields.Count > 0
            ? new SweepAxis([.. fields.Select(f => f.Field)], [.. fields.Select(f => f.Values)])
            : null;
    }

    /// <summary>
    /// Fields of one axis vary together, so their lists need equal lengths. Compared over every list
    /// of the axis, misspelt fields included, so that fixing a typo does not reveal a new error.
    /// </summary>
    private static bool CheckLengths(List<(string Name, JsonElement Value, string Path)> members, List<SpecError> errors)
    {
        var lists = members.Where(m => m.Value.ValueKind == JsonValueKind.Array && m.Value.GetArrayLength() > 0).ToList();
        if (lists.Count == 0)
        {
            return true;
        }
        var (first, firstList, _) = lists[0];
        var equal = true;
        foreach (var (_, list, path) in lists.Skip(1).Where(l => l.Value.GetArrayLength() != firstList.GetArrayLength()))
        {
            errors.Add(new SpecError(path, $"has {list.GetArrayLength()} values but '{first}' has {firstList.GetArrayLength()}; fields of one axis vary together, so their lists need equal lengths"));
            equal = false;
        }
        return equal;
    }

    /// <summary>Two positions of one axis with equal values would run the same cases twice.</summary>
    private static void ReportRepeats(List<(string Field, string Path, ImmutableArray<object> Values)> fields, List<SpecError> errors)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < fields[0].Values.Length; j++)
        {
            var position = j;
            if (fields.Any(f => ReferenceEquals(f.Values[position], CaseFieldValues.Invalid)))
            {
                continue;
            }
            var key = string.Join("\u0001", fields.Select(f => Key(f.Values[position])));
            if (first.TryAdd(key, j))
            {
                continue;
            }
            var message = fields.Count == 1
                ? $"repeats the value {SpecJson.Format(fields[0].Values[j])} of position {first[key]}; each value of an axis must differ"
                : $"repeats the combination ({string.Join(", ", fields.Select(f => $"{f.Field}={SpecJson.Format(f.Values[position])}"))}) of position {first[key]}; each position of an axis must differ";
            errors.Add(new SpecError(SpecJson.Index(fields[0].Path, j), message));
        }
    }

    private static string Key(object value) => value switch
    {
        double number => "n:" + SpecJson.Format(number),
        _ => "s:" + value,
    };
}
