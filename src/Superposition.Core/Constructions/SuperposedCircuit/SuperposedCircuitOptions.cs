namespace Superposition.Constructions;

/// <summary>The options of <see cref="SuperposedCircuit"/> (docs/mathematics.md §8).</summary>
public sealed record SuperposedCircuitOptions
{
    /// <summary>The options of every stage: each stage is a superposed-and layer drawn with them.</summary>
    public SuperposedAndOptions Stage { get; init; } = new();

    /// <summary>
    /// Whether every stage but the last binarises its neurons (b_u = 1[z_u &gt; γ], two ReLUs per neuron)
    /// before the next stage reads them; without it the next stage reads the raw ReLU activations.
    /// </summary>
    public bool Rethreshold { get; init; } = true;
}
