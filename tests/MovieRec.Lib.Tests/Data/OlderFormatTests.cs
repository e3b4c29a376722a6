using System.Text;
using MovieRec.Data;

namespace MovieRec.Tests.Data;

/// <summary>Format detection, ML-1M (.dat, "::", Latin-1) and ML-100K (u.data, u.item, u.genre).</summary>
public class OlderFormatTests
{
    private static void WriteLatin1(TempDirectory dir, string name, string content) =>
        File.WriteAllBytes(Path.Combine(dir.Path, name), Encoding.Latin1.GetBytes(content));

    [Fact]
    public void LoadsMl1mAndDecodesLatin1()
    {
        using var dir = new TempDirectory();
        WriteLatin1(dir, "ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n");
        WriteLatin1(dir, "movies.dat", "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::Cité des enfants perdus, La (1995)::Adventure|Sci-Fi\n");
        Assert.Equal(0xE9, File.ReadAllBytes(Path.Combine(dir.Path, "movies.dat")).First(b => b > 127)); // é is one Latin-1 byte

        var data = MovieLensLoader.Load(dir.Path);
        Assert.Equal(MovieLensFormat.Ml1m, data.Format);
        Assert.Equal([1, 1, 2], data.Ratings.UserIds);
        Assert.Equal([5f, 3f, 4f], data.Ratings.Ratings);
        Assert.Equal("Cité des enfants perdus, La (1995)", data.MoviesById[661].Title);
        Assert.Equal(1995, data.MoviesById[661].Year);
        Assert.Equal(["Adventure", "Sci-Fi"], data.MoviesById[661].Genres);
        Assert.True(data.Quality.IsClean);
    }

    [Fact]
    public void Ml1mRatingErrorHasLineAndField()
    {
        using var dir = new TempDirectory();
        WriteLatin1(dir, "ratings.dat", "1::1193::5::978300760\r\n1::661::7::978302109\r\n");
        WriteLatin1(dir, "movies.dat", "1193::A (1975)::Drama\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.EndsWith("ratings.dat", error.FilePath);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("Rating", error.Field);
    }

    [Fact]
    public void Ml1mSingleColonIsAFieldCountError()
    {
        using var dir = new TempDirectory();
        WriteLatin1(dir, "ratings.dat", "1::1193:5::978300760\n");
        WriteLatin1(dir, "movies.dat", "1193::A (1975)::Drama\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(1, error.LineNumber);
        Assert.Contains("expected 4 fields", error.Problem);
    }

    private const string UItemToyStory =
        "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n";

    private const string UItemAmelie =
        "2|Amélie (2001)|01-Jan-2001||http://us.imdb.com/|0|0|0|0|0|1|0|0|0|0|0|0|0|0|1|0|0|0|0\n";

    [Fact]
    public void LoadsMl100kWithStandardGenres()
    {
        using var dir = new TempDirectory();
        WriteLatin1(dir, "u.data", "196\t1\t3\t881250949\n186\t2\t3\t891717742\n186\t7\t1\t891717742");
        WriteLatin1(dir, "u.item", UItemToyStory + UItemAmelie);
        var data = MovieLensLoader.Load(dir.Path);
        Assert.Equal(MovieLensFormat.Ml100k, data.Format);
        Assert.Equal(3, data.Ratings.Count);
        Assert.Equal(["Animation", "Children's", "Comedy"], data.MoviesById[1].Genres);
        Assert.Equal("Amélie (2001)", data.MoviesById[2].Title);
        Assert.Equal(2001, data.MoviesById[2].Year);
        Assert.Equal(["Comedy", "Romance"], data.MoviesById[2].Genres);
        Assert.Equal(1, data.Quality.RatingsForUnknownMovies);
        Assert.Contains("u.data line 3: movie 7 is not in u.item", data.Quality.Examples);
    }

    [Fact]
    public void Ml100kUsesGenreNamesFromUGenre()
    {
        using var dir = new TempDirectory();
        WriteLatin1(dir, "u.data", "196\t1\t3\t881250949\n");
        WriteLatin1(dir, "u.item", "1|Toy Story (1995)|01-Jan-1995||url|0|1|1\n");
        WriteLatin1(dir, "u.genre", "None|0\nFun|1\nKids|2\n\n");
        var movie = Assert.Single(MovieLensLoader.Load(dir.Path).Movies);
        Assert.Equal(["Fun", "Kids"], movie.Genres);
    }

    [Fact]
    public void Ml100kBadGenreFlagNamesTheGenre()
    {
        using var dir = new TempDirectory();
        WriteLatin1(dir, "u.data", "196\t1\t3\t881250949\n");
        WriteLatin1(dir, "u.item", UItemToyStory.Replace("|1|1|1|", "|1|2|1|", StringComparison.Ordinal));
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.EndsWith("u.item", error.FilePath);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal("Children's", error.Field);
    }

    [Fact]
    public void Ml100kTimestampErrorNamesTheField()
    {
        using var dir = new TempDirectory();
        WriteLatin1(dir, "u.data", "196\t1\t3\t881250949\n196\t2\t3\t88125094\n");
        WriteLatin1(dir, "u.item", UItemToyStory);
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.EndsWith("u.data", error.FilePath);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("timestamp", error.Field);
    }

    [Fact]
    public void FolderWithoutRatingsNamesTheExpectedFiles()
    {
        using var dir = new TempDirectory();
        dir.Write("movies.csv", "movieId,title,genres\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.Path, error.FilePath);
        Assert.Contains("ratings.csv", error.Problem);
        Assert.Contains("ratings.dat", error.Problem);
        Assert.Contains("u.data", error.Problem);
    }

    [Fact]
    public void MissingFolderIsAFormatError()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "ml-nothing");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(missing));
        Assert.Equal(missing, error.FilePath);
        Assert.Contains("folder not found", error.Problem);
        Assert.Contains("ratings.csv", error.Problem);
    }

    [Fact]
    public void DetectsEachFormatAndNamesTheDataSet()
    {
        using var dir = new TempDirectory();
        var csv = Path.Combine(dir.Path, "ml-test");
        Directory.CreateDirectory(csv);
        File.WriteAllText(Path.Combine(csv, "ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
        File.WriteAllText(Path.Combine(csv, "movies.csv"), "movieId,title,genres\n1,A (1995),Drama\n");
        Assert.Equal(MovieLensFormat.Csv, MovieLensLoader.DetectFormat(csv));
        var data = MovieLensLoader.Load(csv + Path.DirectorySeparatorChar);
        Assert.Equal("ml-test", data.Name);
        Assert.Equal(Path.GetFullPath(csv), data.Directory);
    }
}
