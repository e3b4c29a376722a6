using MovieRec.Models;

namespace MovieRec.Tests.Models;

public sealed class RecommenderStoreTests
{
    [Fact]
    public void MissingManifestIsAClearError()
    {
        using var directory = new TempDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => RecommenderStore.Load(directory.Path));

        Assert.Contains("manifest.json", error.Message);
    }

    [Fact]
    public void ManifestNamingAnUnknownTypeIsAnError()
    {
        using var directory = new TempDirectory();
        directory.Write("manifest.json",
            """{"FormatVersion":1,"Type":"No.Such.Model","Assembly":"MovieRec.Lib","Name":"x","SavedAtUtc":"2024-01-01T00:00:00+00:00"}""");

        var error = Assert.Throws<InvalidDataException>(() => RecommenderStore.Load(directory.Path));

        Assert.Contains("No.Such.Model", error.Message);
    }

    [Fact]
    public void ManifestNamingANonRecommenderIsRefused()
    {
        using var directory = new TempDirectory();
        directory.Write("manifest.json",
            """{"FormatVersion":1,"Type":"System.IO.File","Assembly":"System.Private.CoreLib","Name":"x","SavedAtUtc":"2024-01-01T00:00:00+00:00"}""");

        var error = Assert.Throws<InvalidDataException>(() => RecommenderStore.Load(directory.Path));

        Assert.Contains("not an IRecommender", error.Message);
    }

    [Fact]
    public void UnsupportedFormatVersionIsAnError()
    {
        using var directory = new TempDirectory();
        directory.Write("manifest.json",
            """{"FormatVersion":99,"Type":"A","Assembly":"B","Name":"x","SavedAtUtc":"2024-01-01T00:00:00+00:00"}""");

        var error = Assert.Throws<InvalidDataException>(() => RecommenderStore.ReadManifest(directory.Path));

        Assert.Contains("99", error.Message);
    }

    [Fact]
    public void AtomicWriteReplacesTheFileAndLeavesNoTempFiles()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "sub", "file.txt");

        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }
}
