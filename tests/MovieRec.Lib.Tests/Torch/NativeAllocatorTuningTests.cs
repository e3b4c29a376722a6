using MovieRec.Torch;

namespace MovieRec.Tests.Torch;

public sealed class NativeAllocatorTuningTests
{
    [Fact]
    public void TopPadIsSetOnceOnGlibcLinuxUnlessTheUserChoseOtherwise()
    {
        TorchNative.Register(); // what loading the library does
        NativeAllocatorTuning.Apply(); // idempotent: a second call changes nothing

        var userChoice = Environment.GetEnvironmentVariable("MALLOC_TOP_PAD_") is not null ||
            Environment.GetEnvironmentVariable("MOVIEREC_MALLOC_TOP_PAD") == "0";
        var glibc = OperatingSystem.IsLinux() && (File.Exists("/lib/x86_64-linux-gnu/libc.so.6") || File.Exists("/lib/aarch64-linux-gnu/libc.so.6"));

        Assert.Equal(glibc && !userChoice, NativeAllocatorTuning.Applied);
        Assert.Equal(256 << 20, NativeAllocatorTuning.TopPadBytes);
    }
}
