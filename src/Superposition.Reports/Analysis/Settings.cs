using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Superposition.Rows;

namespace Superposition.Reports.Analysis;

/// <summary>
/// Groups rows into <see cref="Setting"/>s: one per construction, construction_params and problem
/// family (kind, graph, sparsity, depth), in the order they first appear (the sweep's expansion order), so
/// reports list them as the spec does. The problem family enters a setting's parameters under its spec
/// path (<c>problem.sparsity</c>, ...), so a sweep over sparsity gets one labelled series per value.
/// </summary>
public static class Settings
{
    /// <summary>The settings of <paramref name="rows"/>, labelled by the parameters that vary within each construction.</summary>
    public static ImmutableArray<Setting> Of(IEnumerable<CaseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Relabel(rows
            .GroupBy(row => (row.Construction, row.ConstructionParams, row.Problem, row.Graph, row.Sparsity, row.Depth))
            .Select(g => new Setting(
                g.Key.Construction,
                g.Key.Construction,
                WithDepth(
                    Parse(g.Key.ConstructionParams)
                        .SetItem("problem.kind", g.Key.Problem)
                        .SetItem("problem.graph", g.Key.Graph)
                        .SetItem("problem.sparsity", g.Key.Sparsity.ToString(CultureInfo.InvariantCulture)),
                    g.Key.Depth),
                [.. g])));
    }

    /// <summary>A circuit's depth enters its parameters as problem.depth; one-layer problems (depth 1) keep their labels.</summary>
    private static ImmutableSortedDictionary<string, string> WithDepth(ImmutableSortedDictionary<string, string> parameters, int depth) =>
        depth == 1 ? parameters : parameters.SetItem("problem.depth", depth.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The same settings labelled afresh among themselves: a figure that draws a subset names only the
    /// parameters that vary within that subset, which keeps its legend short.
    /// </summary>
    public static ImmutableArray<Setting> Relabel(IEnumerable<Setting> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var list = settings.ToList();
        return
        [
            .. list.Select(setting =>
            {
                var siblings = list.Where(s => s.Construction == setting.Construction).Select(s => s.Parameters).ToList();
                var varying = siblings
                    .SelectMany(p => p.Keys)
                    .Distinct()
                    .Order(StringComparer.Ordinal)
                    .Where(key => siblings.Select(p => p.GetValueOrDefault(key)).Distinct().Count() > 1)
                    .ToList();
                var label = varying.Count == 0
                    ? setting.Construction
                    : $"{setting.Construction} ({string.Join(", ", varying.Select(key => $"{key}={setting.Parameters.GetValueOrDefault(key, "-")}"))})";
                return setting with { Label = label };
            }),
        ];
    }

    /// <summary>
    /// The construction_params JSON object as name → value text (numbers as written, strings unquoted).
    /// Anything that is not a JSON object yields no parameters, so a foreign dataset still reports.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> Parse(string constructionParams)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(constructionParams) ? "{}" : constructionParams);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ImmutableSortedDictionary<string, string>.Empty;
            }
            return document.RootElement.EnumerateObject().ToImmutableSortedDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText(),
                StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return ImmutableSortedDictionary<string, string>.Empty;
        }
    }
}
