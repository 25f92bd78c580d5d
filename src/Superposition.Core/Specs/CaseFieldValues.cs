using System.Text.Json;
using Superposition.Validation;

namespace Superposition.Specs;

/// <summary>
/// Reads one value of a case field (base or axis) into the form <see cref="SweepSpec"/> stores: double
/// for numbers, string for words. A value that is wrong is reported and stored as <see cref="Invalid"/>,
/// so parsing carries on and the cases that do not involve it are still checked.
/// </summary>
internal static class CaseFieldValues
{
    /// <summary>Stands for a value that was reported as wrong; never equal to anything else.</summary>
    public static object Invalid { get; } = new InvalidValue();

    public static object Read(string field, JsonElement element, string path, List<SpecError> errors)
    {
        var choices = SpecFields.ChoicesOf(field);
        if (!choices.IsEmpty)
        {
            if (SpecJson.String(element, path, errors) is not { } word)
            {
                return Invalid;
            }
            if (!choices.Contains(word))
            {
                errors.Add(new SpecError(path, $"unknown {Noun(field)} {SpecJson.Quote(word)}; {NearestName.Hint(word, choices)}"));
                return Invalid;
            }
            return word;
        }
        return field switch
        {
            SpecFields.InputCount or SpecFields.OutputCount or SpecFields.Sparsity => Whole(element, path, 1, errors),
            SpecFields.Depth => SpecJson.Integer(element, path, 1, Problems.ProblemSpec.MaxDepth, errors) is { } depth ? (double)depth : Invalid,
            SpecFields.HubCount => Whole(element, path, 0, errors),
            SpecFields.HubFraction or SpecFields.PowerLawExponent => SpecJson.Number(element, path, errors) ?? Invalid,
            _ => Parameter(element, path, errors),
        };
    }

    private static object Whole(JsonElement element, string path, long minimum, List<SpecError> errors) =>
        SpecJson.Integer(element, path, minimum, int.MaxValue, errors) is { } value ? (double)value : Invalid;

    /// <summary>Construction parameters are numbers or words; which ones a construction accepts is checked per case.</summary>
    private static object Parameter(JsonElement element, string path, List<SpecError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return SpecJson.Number(element, path, errors) ?? Invalid;
            case JsonValueKind.String:
                return SpecJson.String(element, path, errors) ?? Invalid;
            default:
                errors.Add(new SpecError(path, $"expected a number or a string, got {SpecJson.Describe(element)}"));
                return Invalid;
        }
    }

    private static string Noun(string field) => field switch
    {
        SpecFields.Kind => "problem kind",
        SpecFields.Graph => "graph",
        SpecFields.Construction => "construction",
        _ => "input distribution",
    };

    private sealed class InvalidValue
    {
        public override string ToString() => "(invalid)";
    }
}
