namespace Superposition.Problems;

/// <summary>The logical function a network computes (docs/mathematics.md §2).</summary>
public enum ProblemKind
{
    /// <summary>2-AND: one output per pair of inputs, true when both ends are active.</summary>
    And,

    /// <summary>Neural permutation: output π(i) copies input i.</summary>
    Permutation,

    /// <summary>A layered circuit of fan-in-2 AND gates; its outputs are the last layer's gates.</summary>
    Circuit,
}
