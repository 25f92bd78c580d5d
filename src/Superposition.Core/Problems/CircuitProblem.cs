using System.Collections.Immutable;

namespace Superposition.Problems;

/// <summary>
/// A layered AND circuit as a problem: its outputs are the gates of the LAST layer; the gates of the
/// layers below are intermediate truth, read with <see cref="LayeredCircuit.GateValues"/>.
/// </summary>
public sealed record CircuitProblem : Problem
{
    public CircuitProblem(LayeredCircuit circuit, int sparsity, string generator)
        : base(new ProblemSpec(ProblemKind.Circuit, generator, circuit?.InputCount ?? 0, circuit is null ? 0 : circuit.Width(circuit.Depth - 1), sparsity, Depth: circuit?.Depth ?? 0))
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentOutOfRangeException.ThrowIfLessThan(circuit.Depth, 1);
        Circuit = circuit;
        Bounds = circuit.SparsityBounds(sparsity);
        var degrees = new int[circuit.InputCount];
        foreach (var input in circuit.Layers[0].First.Concat(circuit.Layers[0].Second))
        {
            degrees[input]++;
        }
        Degrees = [.. degrees];
    }

    public LayeredCircuit Circuit { get; }

    /// <summary>s_k of <see cref="LayeredCircuit.SparsityBounds"/>.</summary>
    public ImmutableArray<int> Bounds { get; }

    public override int MaxTrueOutputs => Bounds[^1];

    /// <summary>How many first-layer gates read each input.</summary>
    public override ImmutableArray<int> Degrees { get; }

    public override int TrueOutputs(ReadOnlySpan<int> activeInputs, Span<int> destination)
    {
        var last = Circuit.GateValues(activeInputs)[^1];
        last.CopyTo(destination);
        return last.Length;
    }

    /// <summary>Whether some active input lies in the output gate's cone (the inputs it depends on).</summary>
    public override bool SharesActiveInput(int output, ReadOnlySpan<int> activeInputs)
    {
        var cone = new HashSet<int> { output };
        for (var k = Circuit.Depth - 1; k >= 0; k--)
        {
            var layer = Circuit.Layers[k];
            cone = [.. cone.SelectMany(g => new[] { layer.First[g], layer.Second[g] })];
        }
        foreach (var input in activeInputs)
        {
            if (cone.Contains(input))
            {
                return true;
            }
        }
        return false;
    }
}
