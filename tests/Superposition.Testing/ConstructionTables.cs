using System.Globalization;
using System.Text;
using Superposition.Constructions;

namespace Superposition.Testing;

/// <summary>
/// The construction and parameter tables of docs/spec-format.md, written from a registry: the doc holds
/// this text between <see cref="StartMarker"/> and <see cref="EndMarker"/>, so a new construction
/// appears in the doc without anyone editing it by hand (run the doc test with UPDATE_DOCS=1).
/// </summary>
public static class ConstructionTables
{
    public const string StartMarker = "<!-- generated: constructions -->";

    public const string EndMarker = "<!-- end generated -->";

    public static string Markdown(IEnumerable<ConstructionDefinition> constructions)
    {
        var text = new StringBuilder();
        foreach (var construction in constructions)
        {
            text.Append(CultureInfo.InvariantCulture, $"### `{construction.Name}`\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{construction.Summary}. Solves: {string.Join(", ", construction.Solves.Select(k => k.ToString().ToLowerInvariant()))}. ");
            text.Append(CultureInfo.InvariantCulture, $"Role in the reports: {RoleText(construction.Role)}. ");
            text.Append(!construction.NeverFalseNegative ? "Makes no no-false-negative promise.\n\n"
                : construction.NeverFalseNegativeCondition is { } condition ? $"Never gives a false negative {condition}.\n\n"
                : "Never gives a false negative.\n\n");
            text.Append("| parameter | default | valid values | meaning |\n|---|---|---|---|\n");
            foreach (var parameter in construction.Parameters)
            {
                text.Append(CultureInfo.InvariantCulture, $"| `{parameter.Name}` | {Default(parameter)} | {Valid(parameter)} | {Escape(parameter.Description)} |\n");
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static string RoleText(ConstructionRole role) => role switch
    {
        ConstructionRole.ComputesProblem => "computes the problem",
        ConstructionRole.OnePerPairBaseline => "baseline with one neuron per pair",
        ConstructionRole.Peer => "peer",
        ConstructionRole.RepresentsOnly => "represents only",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "a role without a description"),
    };

    private static string Default(ParameterDefinition parameter)
    {
        var value = parameter.IsString ? $"`\"{parameter.DefaultChoice}\"`" : parameter.DefaultNumber!.Value.ToString(CultureInfo.InvariantCulture);
        return parameter.OmittedAtDefault ? $"{value} (left out of case ids at its default)" : value;
    }

    private static string Valid(ParameterDefinition parameter) =>
        parameter.IsText
            ? "text"
            : parameter.IsChoice
            ? string.Join(", ", parameter.Choices.Select(choice => $"`{choice}`"))
            : (parameter.Integer ? "whole, " : "") + parameter.Range.Requirement();

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
