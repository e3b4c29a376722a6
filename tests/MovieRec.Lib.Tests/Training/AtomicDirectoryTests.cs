using MovieRec.Training;

namespace MovieRec.Tests.Training;

public sealed class AtomicDirectoryTests
{
    [Fact]
    public void WritesANewFolderAndReplacesAnExistingOne()
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "model");

        AtomicDirectory.Write(target, temp => File.WriteAllText(Path.Combine(temp, "a.txt"), "one"));
        AtomicDirectory.Write(target, temp => File.WriteAllText(Path.Combine(temp, "b.txt"), "two"));

        Assert.Equal(["b.txt"], Directory.GetFiles(target).Select(f => Path.GetFileName(f)!).ToArray());
        Assert.Equal("two", File.ReadAllText(Path.Combine(target, "b.txt")));
        Assert.Equal([target], Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFolderAndNoTemporaryFolder()
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "model");
        AtomicDirectory.Write(target, temp => File.WriteAllText(Path.Combine(temp, "a.txt"), "one"));

        Assert.Throws<InvalidOperationException>(() => AtomicDirectory.Write(target, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "half.txt"), "half");
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal("one", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Equal([target], Directory.GetDirectories(dir.Path));
    }
}
