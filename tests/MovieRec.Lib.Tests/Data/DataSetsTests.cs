using MovieRec.Data;

namespace MovieRec.Tests.Data;

public class DataSetsTests
{
    private const string RatingsCsv = "userId,movieId,rating,timestamp\n1,10,4.0,964982703\n2,10,3.5,964982704\n";
    private const string MoviesCsv = "movieId,title,genres\n10,Alpha (1999),Drama|Comedy\n";

    [Fact]
    public void ARealNameIsLocatedAndLoaded()
    {
        using var dir = new TempDirectory();
        dir.Write("ml-latest-small/ratings.csv", RatingsCsv);
        dir.Write("ml-latest-small/movies.csv", MoviesCsv);
        dir.Write("ml-latest-small/tags.csv", "userId,movieId,tag,timestamp\n");
        dir.Write("ml-latest-small/links.csv", "movieId,imdbId,tmdbId\n");
        var options = new DataSetsOptions { Locator = new DataLocatorOptions { Path = Path.Combine(dir.Path, "ml-latest-small"), AllowDownload = false } };

        var dataset = DataSets.Load("ml-latest-small", options: options);

        Assert.Equal("ml-latest-small", dataset.Name);
        Assert.Equal(2, dataset.Ratings.Count);
        Assert.Equal("Alpha (1999)", Assert.Single(dataset.Movies).Title);
    }

    [Fact]
    public void SyntheticSmallIsGeneratedWithTheSeedIntoItsOwnFolder()
    {
        using var dir = new TempDirectory();
        var options = new DataSetsOptions { SyntheticDirectory = dir.Path };

        var dataset = DataSets.Load("synthetic-small", seed: 7, options);

        Assert.Equal(Path.Combine(dir.Path, "synthetic-small-seed7"), dataset.Directory);
        Assert.Equal(610, dataset.Ratings.DistinctUserIds().Length);
        Assert.Equal(9_742, dataset.Movies.Count);
        Assert.InRange(dataset.Ratings.Count, 99_000, 102_000); // the generator meets the requested 100,836 within a fraction of a percent
        Assert.NotEmpty(dataset.Tags);
    }

    [Fact]
    public void AGeneratedDataSetIsReusedUnlessToldOtherwise()
    {
        using var dir = new TempDirectory();
        var reuse = new DataSetsOptions { SyntheticDirectory = dir.Path };
        var folder = DataSets.Locate("synthetic-small", 3, reuse);
        File.WriteAllText(Path.Combine(folder, "ratings.csv"), RatingsCsv); // stands in for an earlier, smaller generation
        File.WriteAllText(Path.Combine(folder, "movies.csv"), MoviesCsv);

        var reused = DataSets.Load("Synthetic-Small", 3, reuse); // names are case-insensitive
        var regenerated = DataSets.Load("synthetic-small", 3, reuse with { ReuseGenerated = false });

        Assert.Equal(2, reused.Ratings.Count);
        Assert.True(regenerated.Ratings.Count > 90_000);
    }

    [Theory]
    [InlineData("synthetic-small", true)]
    [InlineData("SYNTHETIC-ML25M", true)]
    [InlineData("ml-latest-small", false)]
    [InlineData("ml-25m", false)]
    public void IsSyntheticKnowsTheGeneratedNames(string name, bool expected)
    {
        Assert.Equal(expected, DataSets.IsSynthetic(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ABlankNameIsRejected(string name)
    {
        Assert.Throws<ArgumentException>("name", () => DataSets.Load(name));
    }

    [Fact]
    public void AMissingRealDataSetSaysWhereItLooked()
    {
        using var dir = new TempDirectory();
        var options = new DataSetsOptions { Locator = new DataLocatorOptions { Path = Path.Combine(dir.Path, "nothing-here"), AllowDownload = false } };

        var error = Assert.Throws<DataSetNotFoundException>(() => DataSets.Load("ml-25m", options: options));

        Assert.Equal("ml-25m", error.Name);
        Assert.Contains("nothing-here", error.Message, StringComparison.Ordinal);
    }
}
