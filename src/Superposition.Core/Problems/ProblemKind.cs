namespace Superposition.Problems;

/// <summary>The logical function a network computes (docs/mathematics.md §2).</summary>
public enum ProblemKind
{
    /// <summary>2-AND: one output per pair of inputs, true when both ends are active.</summary>
    And,

    /// <summary>Neural permutation: output π(i) copies input i.</summary>
    Permutation,
}
