namespace Superposition.Problems;

/// <summary>
/// A problem described by value: which function, on how many inputs, how many outputs, at which
/// sparsity, and (for 2-AND) which pair-set generator with its parameters. A seed turns it into a
/// <see cref="Problem"/> through <see cref="ProblemGeneration.Generate"/>.
/// </summary>
/// <param name="Kind">2-AND, permutation or circuit.</param>
/// <param name="Graph">Pair-set generator (see <see cref="PairGraphs.Names"/>); "permutation" for permutations; a circuit generator (<see cref="LayeredCircuit.GeneratorNames"/>) for circuits.</param>
/// <param name="InputCount">m, the number of input features.</param>
/// <param name="OutputCount">m', the number of output features.</param>
/// <param name="Sparsity">s, the largest number of simultaneously active inputs.</param>
/// <param name="HubCount">Hubs for the "hubs" generator; 0 picks ⌈log2 m⌉.</param>
/// <param name="HubFraction">Share of pairs incident to a hub for the "hubs" generator.</param>
/// <param name="PowerLawExponent">Zipf exponent of input popularity for the "power-law" generator.</param>
/// <param name="Depth">Layers of gates: d for a circuit (its outputs are the gates of layer d − 1), 1 for 2-AND and permutation.</param>
public sealed record ProblemSpec(
    ProblemKind Kind,
    string Graph,
    int InputCount,
    int OutputCount,
    int Sparsity,
    int HubCount = 0,
    double HubFraction = 0.5,
    double PowerLawExponent = 1.0,
    int Depth = 1)
{
    /// <summary>The largest circuit depth a spec may ask for.</summary>
    public const int MaxDepth = 16;

    /// <summary>Short problem name used in datasets: "and", "permutation" or "circuit".</summary>
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
