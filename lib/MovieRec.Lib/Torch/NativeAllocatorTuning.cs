using System.Runtime.InteropServices;

namespace MovieRec.Torch;

/// <summary>
/// Keeps glibc from handing freed heap memory back to the kernel after every training step.
/// <para>
/// Why: libtorch's CPU allocator has no cache of its own — every step's temporaries (activations, gradients, the
/// optimizer's moments) are malloc'ed and freed again. With glibc's defaults the heap top is trimmed after the frees,
/// so the next step faults the same pages in again and the kernel zeroes them: on the ML-25M-shaped two-tower
/// benchmark a quarter of all CPU time was system time (1,179 of 4,640 s) and the per-minute rate swung 2–3×.
/// A 256 MiB top pad (<c>mallopt(M_TOP_PAD)</c>, what the <c>MALLOC_TOP_PAD_</c> environment variable sets) keeps
/// that much of the freed top in the process: set this way, the 2 % sample of that benchmark trained at 17,300–22,400
/// examples/s instead of 6,400–13,000, with system time 4–6 s instead of 9–22 s, and the full epoch took 32 instead of
/// 85 minutes (docs/benchmarks-twotower.md, session 7). Cost: up to 256 MiB more resident memory.
/// </para>
/// <para>
/// Opt-in, not applied when the library loads: with it on for the whole test suite, the full-batch EASE-distillation
/// real-data test (610 × 9,742 dense tensors every step) ran far slower than before (session 7, not yet measured in
/// isolation) — a likely cause is that setting the pad fixes glibc's mmap threshold, so every tensor over 128 KiB
/// becomes its own mmap. Call <see cref="Apply"/> at the start of a long run made of many small steps; `movierec
/// bench-twotower` does. Linux with glibc only; never when the user already set <c>MALLOC_TOP_PAD_</c> (theirs wins)
/// or set <c>MOVIEREC_MALLOC_TOP_PAD=0</c> (opt out).
/// </para>
/// </summary>
public static class NativeAllocatorTuning
{
    /// <summary>The top pad applied: 256 MiB.</summary>
    public const int TopPadBytes = 256 << 20;

    /// <summary>glibc's mallopt parameter number for M_TOP_PAD (malloc.h).</summary>
    private const int MTopPad = -2;

    private static readonly Lock Gate = new();
    private static bool _attempted;

    /// <summary>Whether the top pad was set in this process (false off glibc, when opted out, or when the user's own setting won).</summary>
    public static bool Applied { get; private set; }

    /// <summary>Sets the top pad once (idempotent); where it cannot be set it does nothing and <see cref="Applied"/> stays false.</summary>
    public static void Apply()
    {
        lock (Gate)
        {
            if (_attempted)
            {
                return;
            }

            _attempted = true;
            if (!OperatingSystem.IsLinux() ||
                Environment.GetEnvironmentVariable("MALLOC_TOP_PAD_") is not null ||
                Environment.GetEnvironmentVariable("MOVIEREC_MALLOC_TOP_PAD") == "0")
            {
                return;
            }

            // Looked up by export, not a static import (which would throw off glibc): musl and other C libraries have
            // no libc.so.6 or no (or a no-op) mallopt, and the Try* calls report that instead of throwing.
            if (NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "mallopt", out var address))
            {
                unsafe
                {
                    var mallopt = (delegate* unmanaged<int, int, int>)address;
                    Applied = mallopt(MTopPad, TopPadBytes) == 1;
                }
            }
        }
    }
}
