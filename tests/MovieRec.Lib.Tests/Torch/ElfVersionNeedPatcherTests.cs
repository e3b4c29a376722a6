using System.Buffers.Binary;
using MovieRec.Torch;

namespace MovieRec.Tests.Torch;

public sealed class ElfVersionNeedPatcherTests
{
    private static readonly string[] Harmless = ["_ZSt21ios_base_library_initv"];

    /// <summary>The shipped TorchSharp shim, found beside the test binary (dotnet build copies it there).</summary>
    private static byte[] ShippedShim()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"expected the TorchSharp native shim at {path}");
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void MarksOnlyTheRequestedRequirementWeak()
    {
        var original = ShippedShim();
        var image = (byte[])original.Clone();

        var outcome = ElfVersionNeedPatcher.MarkWeak(image, "libstdc++.so.6", "GLIBCXX_3.4.32", Harmless, "shim");

        Assert.Equal(ElfPatchOutcome.Patched, outcome);
        var changed = Enumerable.Range(0, image.Length).Where(i => image[i] != original[i]).ToArray();
        var offset = Assert.Single(changed);
        // The changed byte is the low byte of a vna_flags field, and exactly the weak bit (0x2) was added.
        Assert.Equal(original[offset] | 0x2, image[offset]);
    }

    [Fact]
    public void PatchingTwiceIsIdempotent()
    {
        var image = ShippedShim();
        ElfVersionNeedPatcher.MarkWeak(image, "libstdc++.so.6", "GLIBCXX_3.4.32", Harmless, "shim");
        var once = (byte[])image.Clone();

        var outcome = ElfVersionNeedPatcher.MarkWeak(image, "libstdc++.so.6", "GLIBCXX_3.4.32", Harmless, "shim");

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, outcome);
        Assert.Equal(once, image);
    }

    [Fact]
    public void RefusesWhenOtherSymbolsNeedTheVersion()
    {
        var image = ShippedShim();
        var original = (byte[])image.Clone();

        var error = Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.MarkWeak(image, "libstdc++.so.6", "GLIBCXX_3.4.30", Harmless, "shim"));

        Assert.Contains("needs GLIBCXX_3.4.30", error.Message);
        Assert.Equal(original, image);
    }

    [Fact]
    public void RefusesAVersionTheFileDoesNotRequire()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.MarkWeak(ShippedShim(), "libstdc++.so.6", "GLIBCXX_9.9.9", Harmless, "shim"));

        Assert.Contains("does not require GLIBCXX_9.9.9", error.Message);
    }

    [Fact]
    public void RefusesAFileThatIsNotElf()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.MarkWeak(new byte[128], "libstdc++.so.6", "GLIBCXX_3.4.32", Harmless, "notes.txt"));

        Assert.Contains("'notes.txt'", error.Message);
        Assert.Contains("not an ELF file", error.Message);
    }

    [Fact]
    public void RefusesATruncatedSectionTable()
    {
        var image = ShippedShim().AsSpan(0, 4096).ToArray();

        var error = Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.MarkWeak(image, "libstdc++.so.6", "GLIBCXX_3.4.32", Harmless, "cut.so"));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void PatchedCopyIsWrittenOnceIntoTheCacheAndLeavesTheOriginalAlone()
    {
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "original", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllBytes(source, ShippedShim());
        var before = File.ReadAllBytes(source);

        var first = TorchNative.PatchedCopy(source, Path.Combine(dir.Path, "cache"));
        var firstWrite = File.GetLastWriteTimeUtc(first);
        var second = TorchNative.PatchedCopy(source, Path.Combine(dir.Path, "cache"));

        Assert.Equal(first, second);
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(second));
        Assert.Equal(before, File.ReadAllBytes(source));
        Assert.StartsWith(Path.Combine(dir.Path, "cache"), first);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(first)!, "*.tmp"));
        var patched = File.ReadAllBytes(first);
        Assert.Equal(ElfPatchOutcome.AlreadyWeak,
            ElfVersionNeedPatcher.MarkWeak(patched, "libstdc++.so.6", "GLIBCXX_3.4.32", Harmless, first));
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(before), BinaryPrimitives.ReadUInt32BigEndian(patched));
    }
}
