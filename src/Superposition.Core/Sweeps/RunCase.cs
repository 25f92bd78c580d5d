using Superposition.Constructions;
using Superposition.Inputs;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Sweeps;

/// <summary>
/// One (case, replicate) of a sweep, fully resolved: what to build, how to evaluate it, and its seeds.
/// Seeds are derived by hashing, so adding an axis value never changes other cases: the problem seed
/// depends on the problem and replicate only (constructions of one case share the instance), the
/// sample seed also on the input distribution (constructions see the same inputs), the construction
/// seed also on the construction and its parameters.
/// </summary>
/// <param name="Index">Position in the expanded sweep: rows come out in this order.</param>
/// <param name="CaseId">Stable id: a hash of the canonical case (problem, construction, parameters, distribution), not of its position.</param>
/// <param name="Construction">The resolved construction request: definition, typed options and canonical values.</param>
/// <param name="InputDistribution">The registered distribution the case is evaluated on.</param>
/// <param name="Exhaustive">
/// Every input of the distribution's support, in the order of <see cref="Inputs.InputEnumeration"/>,
/// instead of samples; <paramref name="Samples"/> is then their count and the sample seed is unused.
/// </param>
/// <param name="SearchBudget">
/// Above 0: each input is the result of one <see cref="Inputs.AdversarialSearch"/> with this many
/// evaluations, seeded from the sample seed, the batch and the input's place in it.
/// </param>
public sealed record RunCase(
    string Sweep,
    int Index,
    CaseId CaseId,
    int Replicate,
    ProblemSpec Problem,
    ConstructionRequest Construction,
    InputDistribution InputDistribution,
    int Samples,
    int BatchSize,
    Seed ProblemSeed,
    Seed ConstructionSeed,
    Seed SampleSeed,
    bool Exhaustive = false,
    int SearchBudget = 0)
{
    /// <summary>The seed reported in the dataset: the construction seed, from which the case can be rebuilt with its problem seed.</summary>
    public ulong ReportedSeed => ConstructionSeed.Value;

    /// <summary>The (case, replicate) this run is, across processes (the journal's key).</summary>
    public RunKey Key => new(CaseId, Replicate);

    /// <summary>The construction's registered name.</summary>
    public string ConstructionName => Construction.Definition.Name;

    /// <summary>Number of batches: ⌈samples / batch size⌉.</summary>
    public int BatchCount => (int)(((long)Samples + BatchSize - 1) / BatchSize);
}
