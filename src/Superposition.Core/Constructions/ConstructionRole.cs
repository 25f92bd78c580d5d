namespace Superposition.Constructions;

/// <summary>What a construction is for in the reports, which select series by role, never by name.</summary>
public enum ConstructionRole
{
    /// <summary>Computes the problem in superposition (superposed-and, superposed-permutation and their variants).</summary>
    ComputesProblem,

    /// <summary>Computes the problem with one neuron per pair and no output superposition (dedicated): the crossover baseline.</summary>
    OnePerPairBaseline,

    /// <summary>Another construction from the literature that computes the problem (random-and).</summary>
    Peer,

    /// <summary>Only represents the true outputs, computing nothing (representation): the gap baseline.</summary>
    RepresentsOnly,
}
