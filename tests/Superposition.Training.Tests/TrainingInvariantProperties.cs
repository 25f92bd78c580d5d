using System.Collections.Immutable;
using Superposition.Constructions;
using Superposition.Core.Tests;

namespace Superposition.Training.Tests;

/// <summary>
/// The invariant suite of docs/mathematics.md §7 on the constructions this project adds, with their
/// training capped (a few steps on small batches, a narrow hidden layer) so a generated case trains in
/// milliseconds: the invariants are about the network's shape and its evaluation, which a short training
/// exercises as well as a long one. The invariants a trained read-out does not keep are excluded below,
/// each with its reason.
/// </summary>
public sealed class TrainingInvariantProperties : ConstructionInvariantSuite<TrainingInvariantProperties.Catalog>
{
    public sealed class Catalog : IConstructionCatalog
    {
        public static ImmutableArray<ConstructionDefinition> All { get; } = [Capped(TrainedConstruction.Definition), Capped(HybridConstruction.Definition)];

        public static ImmutableDictionary<(string Construction, string Invariant), string> Exclusions { get; } = new Dictionary<(string, string), string>
        {
            [(TrainedConstruction.Name, nameof(Codes_have_distinct_in_range_supports_and_a_matching_reverse_index))] = "the read-out is a threshold on each linear unit, not an output code",
            [(HybridConstruction.Name, nameof(Codes_have_distinct_in_range_supports_and_a_matching_reverse_index))] = "the base's output code is replaced by a threshold on each trained linear unit",
            [(TrainedConstruction.Name, nameof(Layout_tiles_the_output_layer_with_disjoint_segments))] = "the linear units read out have no channel or blocks to name",
            [(HybridConstruction.Name, nameof(Layout_tiles_the_output_layer_with_disjoint_segments))] = "the base's segments name its output neurons, which are now hidden; the trained units have none",
            [(TrainedConstruction.Name, nameof(Evaluation_decodes_the_empty_input_to_no_outputs))] = "a trained output bias may be above the threshold, so the empty input can read 1",
            [(HybridConstruction.Name, nameof(Evaluation_decodes_the_empty_input_to_no_outputs))] = "the empty input reaches no base neuron, so it reads the trained bias, which may be above the threshold",
            [(HybridConstruction.Name, nameof(Resource_counts_equal_recounts_from_the_dense_network))] = "the recount covers factored networks and all-affine stacks; a factored layer under an affine read-out is neither",
        }.ToImmutableDictionary();
    }

    private static ConstructionDefinition Capped(ConstructionDefinition<Problems.AndProblem, TrainedOptions> definition)
    {
        static TrainedOptions Cap(TrainedOptions o) => o with { Steps = Math.Min(o.Steps, 20), BatchSize = Math.Min(o.BatchSize, 16), HiddenWidth = Math.Min(o.HiddenWidth, 8) };
        var (check, build, sizes) = (definition.CheckOptions, definition.BuildNetwork!, definition.Sizes);
        return definition with
        {
            CheckOptions = (problem, options) => check(problem, Cap(options)),
            BuildNetwork = (problem, options, values, seed) => build(problem, Cap(options), values, seed),
            Sizes = (problem, options) => sizes(problem, Cap(options)),
        };
    }

    private static ConstructionDefinition Capped(ConstructionDefinition<Problems.AndProblem, HybridOptions> definition)
    {
        static HybridOptions Cap(HybridOptions o) => o with { Steps = Math.Min(o.Steps, 10), BatchSize = Math.Min(o.BatchSize, 8) };
        var (check, build, sizes) = (definition.CheckOptions, definition.BuildNetwork!, definition.Sizes);
        return definition with
        {
            CheckOptions = (problem, options) => check(problem, Cap(options)),
            BuildNetwork = (problem, options, values, seed) => build(problem, Cap(options), values, seed),
            Sizes = (problem, options) => sizes(problem, Cap(options)),
        };
    }
}
