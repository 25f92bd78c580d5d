using System.Collections.Immutable;

namespace Superposition.Networks;

/// <summary>
/// One ReLU (or linear) layer of a <see cref="Network"/>, applied in sequence after the input stage. A
/// closed sum type: the factored form the constructions build, and an affine layer for networks made
/// elsewhere or stacked after another layer.
/// </summary>
public abstract record Layer
{
    private Layer()
    {
    }

    /// <summary>Units of the layer: the length of its activation vector.</summary>
    public abstract int Width { get; }

    /// <summary>Length of the activation vector it reads.</summary>
    public abstract int InputWidth { get; }

    /// <summary>
    /// W = M · Dec / b_in with negative biases (docs/mathematics.md §4.4): the integer matrix M over input
    /// features reads |C_i ∩ a| through the code of the stage before it, so it is valid only as the first
    /// layer after a one-hot or code-OR stage. Activation ReLU(Σ_i M[u,i]·|C_i ∩ a| / b_in + bias_u).
    /// </summary>
    public sealed record Factored(ComputeMatrix Compute, ImmutableArray<double> Biases, int CodeNeurons) : Layer
    {
        public override int Width => Compute.RowCount;

        public override int InputWidth => CodeNeurons;
    }

    /// <summary>
    /// act(W·a + bias), each pre-activation summed in double in ascending column order, then the bias
    /// added (docs/interop.md, "Arithmetic"); act is ReLU, or the identity for a linear read-out.
    /// </summary>
    public sealed record Affine : Layer
    {
        public Affine(WeightMatrix weights, ImmutableArray<double> bias, Activation activation)
        {
            ArgumentNullException.ThrowIfNull(weights);
            if (bias.Length != weights.RowCount)
            {
                throw new ArgumentException($"{bias.Length} biases for {weights.RowCount} units", nameof(bias));
            }
            if (bias.Any(b => !double.IsFinite(b)))
            {
                throw new ArgumentException("every bias must be finite", nameof(bias));
            }
            Weights = weights;
            Bias = bias;
            Activation = activation;
        }

        public WeightMatrix Weights { get; }

        public ImmutableArray<double> Bias { get; }

        public Activation Activation { get; }

        public override int Width => Weights.RowCount;

        public override int InputWidth => Weights.ColumnCount;
    }
}
