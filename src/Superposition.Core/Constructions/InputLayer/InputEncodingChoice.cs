namespace Superposition.Constructions;

/// <summary>The input_encoding parameter: how the input layer encodes the m input features.</summary>
public enum InputEncodingChoice
{
    /// <summary>Explicit when m ≤ n_0, superposed otherwise.</summary>
    Auto,

    /// <summary>One neuron per input feature.</summary>
    Explicit,

    /// <summary>A code of width b over n_0 neurons.</summary>
    Superposed,
}
