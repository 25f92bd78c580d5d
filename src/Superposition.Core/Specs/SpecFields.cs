using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Inputs;
using Superposition.Problems;

namespace Superposition.Specs;

/// <summary>
/// The vocabulary of the sweep spec format (docs/spec-format.md) in one place, so that the parser,
/// the "did you mean" hints, the expansion and the documentation cannot drift apart. Case fields are
/// named by path ("problem.output_count", "construction", "params.neuron_factor", "input_distribution"):
/// the same path names a base value and an axis.
/// </summary>
public static class SpecFields
{
    public const string Construction = "construction";

    public const string InputDistribution = "input_distribution";

    public const string ProblemPrefix = "problem.";

    public const string ParamsPrefix = "params.";

    public const string Kind = ProblemPrefix + "kind";

    public const string Graph = ProblemPrefix + "graph";

    public const string InputCount = ProblemPrefix + "input_count";

    public const string OutputCount = ProblemPrefix + "output_count";

    public const string Sparsity = ProblemPrefix + "sparsity";

    public const string HubCount = ProblemPrefix + "hub_count";

    public const string HubFraction = ProblemPrefix + "hub_fraction";

    public const string PowerLawExponent = ProblemPrefix + "power_law_exponent";

    public const string Depth = ProblemPrefix + "depth";

    /// <summary>Fields of the spec's top-level object, in the order the documentation lists them.</summary>
    public static ImmutableArray<string> TopLevel { get; } =
        ["name", "description", "seed", "replicates", "problem", "construction", "params", "input_distribution", "axes", "evaluation", "threshold"];

    /// <summary>Fields of the "problem" object (without the "problem." prefix).</summary>
    public static ImmutableArray<string> Problem { get; } =
        ["kind", "graph", "input_count", "output_count", "sparsity", "depth", "hub_count", "hub_fraction", "power_law_exponent"];

    /// <summary>Fields of the "evaluation" object.</summary>
    public static ImmutableArray<string> Evaluation { get; } = ["samples", "batch_size", "inputs", "max_inputs", "budget"];

    /// <summary>Fields of the "threshold" object.</summary>
    public static ImmutableArray<string> Threshold { get; } = ["parameter", "low", "high", "tolerance", "min", "max_expansions"];

    /// <summary>Values of <c>evaluation.inputs</c>: drawn from the input distribution, or every input of its support.</summary>
    public static ImmutableArray<string> InputModes { get; } = ["sampled", "all", "adversarial"];

    /// <summary>Case fields that must have a value, in the base or on an axis.</summary>
    public static ImmutableArray<string> Required { get; } = [InputCount, OutputCount, Sparsity, Construction];

    /// <summary>Problem kinds as written in a spec.</summary>
    public static ImmutableArray<string> Kinds { get; } = ["and", "permutation", "circuit"];

    /// <summary>Graph names accepted in a spec: the pair-set generators, "permutation" and the circuit generators.</summary>
    public static ImmutableArray<string> Graphs { get; } = [.. PairGraphs.Names, "permutation", .. LayeredCircuit.GeneratorNames];

    public const double DefaultHubFraction = 0.5;

    public const double DefaultPowerLawExponent = 1.0;

    public const int DefaultReplicates = 1;

    public const int DefaultSamples = 1000;

    public const int DefaultBatchSize = 250;

    /// <summary>The default budget of <c>evaluation.max_inputs</c>: ten million inputs take minutes on two cores.</summary>
    public const long DefaultMaxInputs = 10_000_000;

    /// <summary>The default of <c>evaluation.budget</c>: network evaluations per adversarial search.</summary>
    public const int DefaultSearchBudget = 1000;

    /// <summary>
    /// Every path an axis may vary, for hints: the problem fields, construction, input distribution and
    /// params.&lt;name&gt; for every parameter some registered construction has.
    /// </summary>
    public static ImmutableArray<string> AxisPaths =>
    [
        .. Problem.Select(f => ProblemPrefix + f),
        Construction,
        InputDistribution,
        .. ConstructionRegistry.All.Concat(ConstructionRegistry.Imported).Concat(ConstructionRegistry.Extensions).SelectMany(c => c.Parameters).Select(p => ParamsPrefix + p.Name).Distinct().Order(StringComparer.Ordinal),
    ];

    /// <summary>Whether <paramref name="path"/> names a case field (a valid base or axis path).</summary>
    public static bool IsCaseField(string path) =>
        path is Construction or InputDistribution
        || (path.StartsWith(ProblemPrefix, StringComparison.Ordinal) && Problem.Contains(path[ProblemPrefix.Length..]))
        || (path.StartsWith(ParamsPrefix, StringComparison.Ordinal) && path.Length > ParamsPrefix.Length);

    /// <summary>The words a string-valued case field accepts, or empty when any string (or no string) is accepted.</summary>
    internal static ImmutableArray<string> ChoicesOf(string path) => path switch
    {
        Kind => Kinds,
        Graph => Graphs,
        Construction => ConstructionRegistry.SpecNames,
        InputDistribution => InputDistributions.Names,
        _ => [],
    };
}
