namespace Superposition.Networks;

/// <summary>How an output feature is read from the activations of its code's neurons.</summary>
public enum DecodeRule
{
    /// <summary>Feature is 1 iff every neuron of its support has activation above the threshold (section 3).</summary>
    AllAbove,

    /// <summary>Feature is 1 iff the mean activation over its support is above the threshold (random-and, section 6).</summary>
    MeanAbove,
}
