using System.Collections.Immutable;

namespace Superposition.Specs;

/// <summary>
/// A parsed, valid sweep spec (docs/spec-format.md): a base case, axes that vary it, replicates, a
/// root seed and evaluation settings. Only <see cref="SpecParser.Parse"/> makes one (its constructor and
/// setters are internal), so holding a <see cref="SweepSpec"/> is proof that every check passed and
/// nothing downstream checks it again.
/// </summary>
public sealed record SweepSpec
{
    internal SweepSpec(string name, string description, string text, string hash, ulong rootSeed, int replicates, ImmutableSortedDictionary<string, object> @base, ImmutableArray<SweepAxis> axes, EvaluationSettings evaluation)
    {
        (Name, Description, Text, Hash, RootSeed, Replicates, Base, Axes, Evaluation) = (name, description, text, hash, rootSeed, replicates, @base, axes, evaluation);
    }

    /// <summary>Sweep name; the dataset directory is named after it.</summary>
    public string Name { get; internal init; }

    public string Description { get; internal init; }

    /// <summary>The spec text exactly as read, recorded in the manifest.</summary>
    public string Text { get; internal init; }

    /// <summary>SHA-256 of <see cref="Text"/> (hex), the dataset's spec_hash.</summary>
    public string Hash { get; internal init; }

    public ulong RootSeed { get; internal init; }

    public int Replicates { get; internal init; }

    /// <summary>Base case field values by path ("problem.output_count", "construction", "params.neuron_factor", "input_distribution").</summary>
    public ImmutableSortedDictionary<string, object> Base { get; internal init; }

    /// <summary>Each axis is one or more fields varied together (zipped); axes combine as a cartesian product.</summary>
    public ImmutableArray<SweepAxis> Axes { get; internal init; }

    public EvaluationSettings Evaluation { get; internal init; }

    /// <summary>
    /// The threshold search the sweep runs instead of its plain cases, or null for a plain sweep: each
    /// (case, replicate) becomes one search over <see cref="Thresholds.ThresholdSpec.Parameter"/>.
    /// </summary>
    public Thresholds.ThresholdSpec? Threshold { get; internal init; }
}

/// <summary>One axis: fields varied together; every list has the same length.</summary>
public sealed record SweepAxis(ImmutableArray<string> Fields, ImmutableArray<ImmutableArray<object>> Values)
{
    public int Length => Values.IsEmpty ? 0 : Values[0].Length;
}

/// <summary>How each case is evaluated.</summary>
/// <param name="Samples">Inputs evaluated per (case, replicate) when sampling.</param>
/// <param name="BatchSize">Inputs per batch: the unit of parallel work.</param>
/// <param name="Exhaustive">
/// Every input of the case's distribution's support instead of samples (<c>"inputs": "all"</c>): all
/// s-subsets for <c>uniform</c>, all subsets of at most s for <c>up-to</c>; the case's count replaces
/// <paramref name="Samples"/>.
/// </param>
/// <param name="MaxInputs">The most inputs an exhaustive case may have; a spec with a larger case is refused.</param>
/// <param name="SearchBudget">
/// With <c>"inputs": "adversarial"</c>: network evaluations per search; each of the
/// <paramref name="Samples"/> inputs is the result of one seeded search. 0 when inputs are not searched.
/// </param>
public sealed record EvaluationSettings(int Samples, int BatchSize, bool Exhaustive = false, long MaxInputs = SpecFields.DefaultMaxInputs, int SearchBudget = 0);
