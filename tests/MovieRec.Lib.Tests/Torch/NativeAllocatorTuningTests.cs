using MovieRec.Torch;

namespace MovieRec.Tests.Torch;

public sealed class NativeAllocatorTuningTests
{
    [Fact]
    public void TheOptOutVariableKeepsGlibcsDefaults()
    {
        // The setting is process-wide and opt-in; this test must not switch it on for the rest of the suite, so it
        // checks the opt-out path (which also marks the process as decided: later calls change nothing).
        var before = Environment.GetEnvironmentVariable("MOVIEREC_MALLOC_TOP_PAD");
        Environment.SetEnvironmentVariable("MOVIEREC_MALLOC_TOP_PAD", "0");
        try
        {
            NativeAllocatorTuning.Apply();
            NativeAllocatorTuning.Apply();
        }
        finally
        {
            Environment.SetEnvironmentVariable("MOVIEREC_MALLOC_TOP_PAD", before);
        }

        Assert.False(NativeAllocatorTuning.Applied);
        NativeAllocatorTuning.Apply();
        Assert.False(NativeAllocatorTuning.Applied);
        Assert.Equal(256 << 20, NativeAllocatorTuning.TopPadBytes);
    }
}
