namespace Superposition.Networks;

/// <summary>What the network's first layer holds.</summary>
public enum InputEncoding
{
    /// <summary>One neuron per input feature (w = 1): no read noise.</summary>
    Explicit,

    /// <summary>Input features superposed in a code of width b_in over n_in neurons.</summary>
    Superposed,

    /// <summary>No computation: the true outputs themselves are encoded (the representation baseline).</summary>
    Targets,
}
