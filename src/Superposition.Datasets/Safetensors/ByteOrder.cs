namespace Superposition.Datasets.Safetensors;

/// <summary>Byte swapping for big-endian hosts: safetensors data is little-endian on every platform.</summary>
internal static class ByteOrder
{
    /// <summary>Reverses the bytes of every element of <paramref name="elementSize"/> bytes in place.</summary>
    public static void Reverse(Span<byte> bytes, int elementSize)
    {
        for (var start = 0; start + elementSize <= bytes.Length; start += elementSize)
        {
            bytes.Slice(start, elementSize).Reverse();
        }
    }
}
