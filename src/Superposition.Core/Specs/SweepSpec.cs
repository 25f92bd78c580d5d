using System.Collections.Immutable;

namespace Superposition.Specs;

/// <summary>
/// A parsed, valid sweep spec (docs/spec-format.md): a base case, axes that vary it, replicates, a
/// root seed and evaluation settings. Produced by SpecParser.Parse.
/// </summary>
/// <param name="Name">Sweep name; the dataset directory is named after it.</param>
/// <param name="Text">The spec text exactly as read, recorded in the manifest.</param>
/// <param name="Hash">SHA-256 of <paramref name="Text"/> (hex), the dataset's spec_hash.</param>
/// <param name="Base">Base case field values by path ("problem.output_count", "construction", "params.neuron_factor", "input_distribution").</param>
/// <param name="Axes">Each axis is one or more fields varied together (zipped); axes combine as a cartesian product.</param>
public sealed record SweepSpec(
    string Name,
    string Description,
    string Text,
    string Hash,
    ulong RootSeed,
    int Replicates,
    ImmutableSortedDictionary<string, object> Base,
    ImmutableArray<SweepAxis> Axes,
    EvaluationSettings Evaluation);

/// <summary>One axis: fields varied together; every list has the same length.</summary>
public sealed record SweepAxis(ImmutableArray<string> Fields, ImmutableArray<ImmutableArray<object>> Values)
{
    public int Length => Values.IsEmpty ? 0 : Values[0].Length;
}

/// <summary>How each case is evaluated.</summary>
/// <param name="Samples">Inputs evaluated per (case, replicate).</param>
/// <param name="BatchSize">Inputs per batch: the unit of parallel work and of a Parquet row group.</param>
public sealed record EvaluationSettings(int Samples, int BatchSize);
