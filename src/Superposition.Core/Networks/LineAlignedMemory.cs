using System.Runtime.InteropServices;

namespace Superposition.Networks;

/// <summary>
/// Unmanaged memory aligned to a 64-byte cache line, on 2 MB pages where Linux grants them. Large
/// tables that are read at random (packed codes, W's bitmaps) otherwise miss the TLB on most reads, and
/// on this project's virtual machines first-touching fresh 4 KB pages was measured at about 1.5 s per
/// GB; a 2 MB page is one fault. Asked before the first write, so the pages are huge from the start; a
/// refusal is harmless. Contents start undefined; free with <see cref="Free"/>.
/// </summary>
internal static unsafe partial class LineAlignedMemory
{
    private const int HugePage = 2 << 20;
    private const int MadviseHugePage = 14;

    public static void* Allocate(long bytes)
    {
        var size = (nuint)Math.Max(1L, bytes);
        if (size < HugePage || !OperatingSystem.IsLinux())
        {
            return NativeMemory.AlignedAlloc(size, 64);
        }
        size = (size + HugePage - 1) / HugePage * HugePage;
        var memory = NativeMemory.AlignedAlloc(size, HugePage);
        _ = Madvise(memory, size, MadviseHugePage);
        return memory;
    }

    public static void Free(void* memory) => NativeMemory.AlignedFree(memory);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
