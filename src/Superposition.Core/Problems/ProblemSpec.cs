namespace Superposition.Problems;

/// <summary>
/// A problem described by value: which function, on how many inputs, how many outputs, at which
/// sparsity, and (for 2-AND) which pair-set generator with its parameters. A seed turns it into a
/// <see cref="Problem"/> through <see cref="ProblemGeneration.Generate"/>.
/// </summary>
/// <param name="Kind">2-AND or permutation.</param>
/// <param name="Graph">Pair-set generator (see <see cref="PairGraphs.Names"/>); "permutation" for permutations.</param>
/// <param name="InputCount">m, the number of input features.</param>
/// <param name="OutputCount">m', the number of output features.</param>
/// <param name="Sparsity">s, the largest number of simultaneously active inputs.</param>
/// <param name="HubCount">Hubs for the "hubs" generator; 0 picks ⌈log2 m⌉.</param>
/// <param name="HubFraction">Share of pairs incident to a hub for the "hubs" generator.</param>
/// <param name="PowerLawExponent">Zipf exponent of input popularity for the "power-law" generator.</param>
public sealed record ProblemSpec(
    ProblemKind Kind,
    string Graph,
    int InputCount,
    int OutputCount,
    int Sparsity,
    int HubCount = 0,
    double HubFraction = 0.5,
    double PowerLawExponent = 1.0)
{
    /// <summary>Short problem name used in datasets: "and" or "permutation".</summary>
    public string ProblemName => Kind switch
    {
        ProblemKind.And => "and",
        ProblemKind.Permutation => "permutation",
        _ => "circuit",
    };

    /// <summary>C(m, 2) as a 64-bit count (m up to 2^31 does not overflow).</summary>
    public long PossiblePairs => (long)InputCount * (InputCount - 1) / 2;

    /// <summary>The hub count actually used by the "hubs" generator.</summary>
    public int EffectiveHubCount => HubCount > 0 ? HubCount : Math.Max(1, (int)Math.Ceiling(Math.Log2(Math.Max(2, InputCount))));
}
