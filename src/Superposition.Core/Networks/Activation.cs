namespace Superposition.Networks;

/// <summary>The non-linearity of an affine layer.</summary>
public enum Activation
{
    /// <summary>max(0, z).</summary>
    Relu,

    /// <summary>z unchanged: a final linear read-out layer.</summary>
    Identity,
}
