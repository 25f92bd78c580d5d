namespace Superposition.Randomness;

/// <summary>
/// The project's own pseudo-random generator: xoshiro256** seeded through SplitMix64. Its sequence is a
/// contract of this project (golden-tested), unlike System.Random's. Mutable by nature, so it is
/// created locally from a <see cref="Seed"/> and never shared.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(Seed seed)
    {
        var x = seed.Value;
        _s0 = Next(ref x);
        _s1 = Next(ref x);
        _s2 = Next(ref x);
        _s3 = Next(ref x);

        static ulong Next(ref ulong state)
        {
            var value = Seed.Mix(state);
            state = unchecked(state + 0x9E3779B97F4A7C15UL);
            return value;
        }
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>A uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject).</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var product = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = unchecked(0 - bound) % bound;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), bound, out low);
            }
        }
        return product;
    }

    /// <summary>A uniform integer in [0, bound).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)NextBelow((ulong)bound);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
