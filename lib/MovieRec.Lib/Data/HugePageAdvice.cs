using System.Runtime.InteropServices;

namespace MovieRec.Data;

/// <summary>
/// Asks Linux to back a large, not yet touched array with 2 MiB transparent huge pages. The fast
/// ratings reader allocates its four result arrays (500 MB for 25M ratings) uninitialised and then
/// fills them; with 4 KiB pages the first touch costs ~125,000 page faults, which on the 2-core
/// benchmark VM took 1.5–1.7 s of CPU (more than the parsing). With the advice the same touch took
/// 0.1–0.9 s. Best effort: a no-op on other systems, when THP is disabled, or if the call fails.
/// </summary>
internal static partial class HugePageAdvice
{
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE in <sys/mman.h> on Linux
    private const long HugePageSize = 2 << 20;
    private static bool _unavailable;

    /// <summary>Advises huge pages for the 2 MiB-aligned interior of <paramref name="array"/> (only whole pages inside it).</summary>
    public static unsafe void Advise<T>(T[] array)
        where T : unmanaged
    {
        if (_unavailable || !OperatingSystem.IsLinux() || (long)array.Length * sizeof(T) < 4 * HugePageSize)
        {
            return;
        }

        // Pinned only for the call: the GC does not move arrays this large (they live in the large object heap).
        fixed (T* pointer = array)
        {
            var start = ((long)pointer + HugePageSize - 1) & ~(HugePageSize - 1);
            var end = ((long)pointer + ((long)array.Length * sizeof(T))) & ~(HugePageSize - 1);
            try
            {
                _ = Madvise((nint)start, (nuint)(end - start), MadviseHugePage);
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                _unavailable = true;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
