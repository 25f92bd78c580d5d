using System.Collections.Immutable;
using System.Globalization;
using Superposition.Constructions;
using Superposition.Rows;

namespace Superposition.Reports.Analysis;

/// <summary>
/// The rows of one construction run with one parameter setting (one construction_params value). Rows of
/// different settings must not be averaged together: a neuron_factor sweep would otherwise turn into one
/// meaningless mean. <see cref="Parameters"/> holds construction_params plus the problem family under
/// its spec paths (problem.kind, problem.graph, problem.sparsity). <see cref="Label"/> names the
/// construction and only the parameters that differ between its settings, so legends stay short.
/// </summary>
public sealed record Setting(string Construction, string Label, ImmutableSortedDictionary<string, string> Parameters, ImmutableArray<CaseRow> Rows)
{
    /// <summary>A numeric parameter of the setting, or null when it is absent or not a number.</summary>
    public double? Number(string name) =>
        Parameters.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>The role of the setting's construction in the registry; null for a name no construction is registered under (rows of an older dataset).</summary>
    public ConstructionRole? Role => ConstructionRegistry.RoleOf(Construction);

    /// <summary>Whether the setting's construction plays <paramref name="role"/> (and, when given, on problems of <paramref name="problemKind"/>).</summary>
    public bool Plays(ConstructionRole role, string? problemKind = null) =>
        Role == role && (problemKind is null || Parameters.GetValueOrDefault("problem.kind") == problemKind);

    /// <summary>How many distinct m' (output_count) the setting was run at: a curve against m' needs two.</summary>
    public int OutputCountValues => Rows.Select(r => r.OutputCount).Distinct().Count();

    /// <summary>The mean of <paramref name="value"/> at each m' (output_count), ascending in m'.</summary>
    public ImmutableArray<CurvePoint> MeanByOutputCount(Func<CaseRow, double> value) => Curves.MeanByOutputCount(Rows, value);
}
