using System.Text;

namespace Superposition.Randomness;

/// <summary>
/// A 64-bit seed. Child seeds are derived by hashing, so adding an axis value or a replicate never
/// changes the seed of any other case (docs/design.md, "Seeds").
/// </summary>
public readonly record struct Seed(ulong Value)
{
    /// <summary>Derives a child seed from this seed and a label (for example "problem" or a case id).</summary>
    public Seed Derive(string label) => new(Mix(Value ^ Mix(Fnv1a(label))));

    /// <summary>Derives a child seed from this seed and an integer (for example a replicate or batch index).</summary>
    public Seed Derive(long index) => new(Mix(Value + Mix(unchecked((ulong)index) + 0x632BE59BD9B4E019UL)));

    /// <summary>Derives a child seed from a label and an index in one step.</summary>
    public Seed Derive(string label, long index) => Derive(label).Derive(index);

    public override string ToString() => Value.ToString("x16");

    /// <summary>SplitMix64's finaliser: a bijective avalanche mix of 64 bits.</summary>
    internal static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>FNV-1a over UTF-8: a hash of text that is stable across processes and runtimes.</summary>
    internal static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 0x100000001B3UL);
        }
        return hash;
    }
}
