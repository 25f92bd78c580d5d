namespace Superposition.Networks;

/// <summary>
/// Exact sizes of a network and the description-length estimates of docs/mathematics.md §5.
/// Neurons: input layer plus output layer (the ReLU layer whose neurons carry the output code);
/// <see cref="HiddenNeurons"/> counts layers in between, which one-layer constructions do not have.
/// </summary>
public sealed record ResourceCounts(
    int InputNeurons,
    int HiddenNeurons,
    int OutputNeurons,
    long WeightCount,
    long BiasCount,
    int CodeWidthIn,
    int CodeWidthOut,
    double WeightBits,
    double CodeBits)
{
    public long NeuronCount => (long)InputNeurons + HiddenNeurons + OutputNeurons;

    public long ParameterCount => WeightCount + BiasCount;
}
