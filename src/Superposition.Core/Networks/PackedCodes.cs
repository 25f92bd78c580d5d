using System.Numerics;
using Superposition.Codes;

namespace Superposition.Networks;

/// <summary>
/// A copy of a code of one width w with each feature's neurons packed as b-bit fields, ⌊64 / b⌋ to a
/// 64-bit word (b = the bits of the largest neuron), in a slot of a power of two words up to a cache
/// line, so a slot never straddles a line. The weight count fetches one code per entry of M from far
/// apart in a large array; at m' = 10^7 (w = 24, b = 19) a code is one 64-byte line here against 96
/// bytes, most often on two lines, as ints. Unmanaged, line-aligned memory: dispose it.
/// </summary>
internal sealed unsafe class PackedCodes : IDisposable
{
    private PackedCodes(int width, int bits, int wordsPerSlot, int featureCount)
    {
        (Width, Bits, WordsPerSlot) = (width, bits, wordsPerSlot);
        FieldsPerWord = 64 / bits;
        // The count's fetches land anywhere in hundreds of MB: line-aligned slots on huge pages.
        Slots = (ulong*)LineAlignedMemory.Allocate((long)featureCount * wordsPerSlot * sizeof(ulong));
    }

    /// <summary>Neurons per feature.</summary>
    public int Width { get; }

    /// <summary>Bits per neuron field.</summary>
    public int Bits { get; }

    public int FieldsPerWord { get; }

    /// <summary>Words from one feature's slot to the next: 1, 2, 4 or a multiple of 8.</summary>
    public int WordsPerSlot { get; }

    /// <summary>Feature f's fields start at <c>Slots + f · WordsPerSlot</c>, lowest bits first.</summary>
    public ulong* Slots { get; private set; }

    /// <summary>The packed copy of <paramref name="code"/>, or null when its features differ in width.</summary>
    public static PackedCodes? Pack(Code code)
    {
        var width = code.UniformWidth;
        if (width < 0)
        {
            return null;
        }
        var bits = Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)Math.Max(0, code.NeuronCount - 1)));
        var words = (width + 64 / bits - 1) / (64 / bits);
        var wordsPerSlot = words <= 8 ? (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, words)) : (words + 7) / 8 * 8;
        var packed = new PackedCodes(width, bits, wordsPerSlot, code.FeatureCount);
        Parallel.For(0, code.FeatureCount, feature => packed.Fill(feature, code.Support(feature)));
        return packed;
    }

    private void Fill(int feature, ReadOnlySpan<int> neurons)
    {
        var slot = new Span<ulong>(Slots + (long)feature * WordsPerSlot, WordsPerSlot);
        slot.Clear();
        for (var j = 0; j < neurons.Length; j++)
        {
            slot[j / FieldsPerWord] |= (ulong)neurons[j] << (j % FieldsPerWord * Bits);
        }
    }

    public void Dispose()
    {
        if (Slots != null)
        {
            LineAlignedMemory.Free(Slots);
            Slots = null;
        }
    }
}
