namespace Superposition.Networks;

/// <summary>A named, contiguous range of output-layer neurons: the output channel R or a heavy block B_h.</summary>
/// <param name="Name">"R", "B:{pivot input}", or a construction's own label.</param>
public readonly record struct NeuronSegment(string Name, int Start, int Length)
{
    public int End => Start + Length;

    public bool Contains(int neuron) => neuron >= Start && neuron < End;
}
