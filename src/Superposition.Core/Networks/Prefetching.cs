using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Superposition.Networks;

/// <summary>
/// A software prefetch hint: asks the cache for an element that a loop will read a few iterations later.
/// Walks over codes and columns that lie far apart in large arrays are bound by memory latency, and a
/// hint overlaps those misses. A no-op off x86 or out of range; never changes a result.
/// </summary>
internal static class Prefetching
{
    public static unsafe void Prefetch<T>(ReadOnlySpan<T> values, int index)
        where T : unmanaged
    {
        if (Sse.IsSupported && (uint)index < (uint)values.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in values[index])));
        }
    }
}
