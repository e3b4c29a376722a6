using System.Text;
using MovieRec.Data;

namespace MovieRec.Tests.Data;

/// <summary>movies.csv, tags.csv and links.csv through <see cref="MovieLensLoader.Load"/>: quoting, titles, years, genres, errors.</summary>
public class SideFileTests
{
    private const string Ratings = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n";

    private static TempDirectory DataSet(string movies, string? tags = null, string? links = null)
    {
        var dir = new TempDirectory();
        dir.Write("ratings.csv", Ratings);
        dir.Write("movies.csv", movies);
        if (tags is not null)
        {
            dir.Write("tags.csv", tags);
        }

        if (links is not null)
        {
            dir.Write("links.csv", links);
        }

        return dir;
    }

    [Fact]
    public void ParsesQuotedTitlesYearsAndGenres()
    {
        using var dir = DataSet(
            "movieId,title,genres\r\n" +
            "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\r\n" +
            "11,\"American President, The (1995)\",Comedy|Drama|Romance\r\n" +
            "5,\"Bourne \"\"Identity\"\" (2002)\",Action\r\n" +
            "27008,From Dusk Till Dawn 2: Texas Blood Money (1999) ,Comedy|Crime|Horror\r\n" +
            "40697,Babylon 5,Sci-Fi\r\n" +
            "149334,Nocturnal Animals,(no genres listed)\r\n" +
            "171749,Death Note: Desu nôto (2006–2007),(no genres listed)");
        var movies = MovieLensLoader.Load(dir.Path).MoviesById;

        Assert.Equal(new[] { "Adventure", "Animation", "Children", "Comedy", "Fantasy" }, movies[1].Genres);
        Assert.Equal("American President, The (1995)", movies[11].Title);
        Assert.Equal(1995, movies[11].Year);
        Assert.Equal("Bourne \"Identity\" (2002)", movies[5].Title);
        Assert.Equal(2002, movies[5].Year);
        Assert.Equal("From Dusk Till Dawn 2: Texas Blood Money (1999)", movies[27008].Title);
        Assert.Equal(1999, movies[27008].Year);
        Assert.Null(movies[40697].Year);
        Assert.Empty(movies[149334].Genres);
        Assert.Equal("Death Note: Desu nôto (2006–2007)", movies[171749].Title);
        Assert.Null(movies[171749].Year);
    }

    [Fact]
    public void ReadsUtf8WithByteOrderMark()
    {
        using var dir = DataSet("movieId,title,genres\n1,placeholder,Drama\n");
        File.WriteAllText(Path.Combine(dir.Path, "movies.csv"), "movieId,title,genres\n1,Amélie (2001),Comedy|Romance\n", new UTF8Encoding(true));
        var movie = Assert.Single(MovieLensLoader.Load(dir.Path).Movies);
        Assert.Equal("Amélie (2001)", movie.Title);
    }

    [Fact]
    public void ParsesTagsWithQuotedCommasAndLinksWithEmptyTmdbId()
    {
        using var dir = DataSet(
            "movieId,title,genres\n1,Toy Story (1995),Animation\n",
            "userId,movieId,tag,timestamp\n2,1,funny,1445714994\n2,1,\"dark, \"\"twisted\"\"\",1445714996",
            "movieId,imdbId,tmdbId\r\n1,0114709,862\r\n2,0113497,\r\n");
        var data = MovieLensLoader.Load(dir.Path);
        Assert.Equal(["funny", "dark, \"twisted\""], data.Tags.Select(t => t.Text));
        Assert.Equal(1445714996L, data.Tags[1].Timestamp);
        Assert.Equal(new Link(1, "0114709", 862), data.Links[0]);
        Assert.Equal(new Link(2, "0113497", null), data.Links[1]);
    }

    [Fact]
    public void TagsAndLinksAreSkippedWhenDisabled()
    {
        using var dir = DataSet("movieId,title,genres\n1,Toy Story (1995),Animation\n",
            "userId,movieId,tag,timestamp\n2,1,funny,1445714994\n", "movieId,imdbId,tmdbId\n1,0114709,862\n");
        var data = MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { LoadTags = false, LoadLinks = false });
        Assert.Empty(data.Tags);
        Assert.Empty(data.Links);
        Assert.Equal(MovieLensFormat.Csv, data.Format);
    }

    [Fact]
    public void MissingMoviesFileIsAnError()
    {
        using var dir = new TempDirectory();
        dir.Write("ratings.csv", Ratings);
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(Path.Combine(dir.Path, "movies.csv"), error.FilePath);
        Assert.Contains("not found", error.Problem);
    }

    [Fact]
    public void EmptyMoviesFileIsAnError()
    {
        using var dir = DataSet("");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.EndsWith("movies.csv", error.FilePath);
        Assert.Contains("empty", error.Problem);
    }

    [Fact]
    public void WrongMoviesHeaderSaysExpectedAndFound()
    {
        using var dir = DataSet("movieId,name,genres\n1,Toy Story (1995),Animation\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.EndsWith("movies.csv", error.FilePath);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal("title", error.Field);
        Assert.Contains("expected 'movieId,title,genres' but found 'movieId,name,genres'", error.Problem);
    }

    [Fact]
    public void UnquotedCommaInTitleIsAFieldCountError()
    {
        using var dir = DataSet("movieId,title,genres\n1,Toy Story (1995),Animation\n11,American President, The (1995),Comedy\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(3, error.LineNumber);
        Assert.Null(error.Field);
        Assert.Contains("expected 3 fields", error.Problem);
        Assert.Contains("found 4", error.Problem);
    }

    [Fact]
    public void BadMovieIdNamesLineAndField()
    {
        using var dir = DataSet("movieId,title,genres\n1,Toy Story (1995),Animation\n\"two\",Jumanji (1995),Adventure\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("movieId", error.Field);
    }

    [Fact]
    public void DuplicateMovieIdIsAnError()
    {
        using var dir = DataSet("movieId,title,genres\n1,Toy Story (1995),Animation\n1,Jumanji (1995),Adventure\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("movieId", error.Field);
        Assert.Contains("first on line 2", error.Problem);
    }

    [Fact]
    public void LineNumbersCountNewlinesInsideQuotes()
    {
        using var dir = DataSet("movieId,title,genres\n1,Toy Story (1995),Animation\n",
            "userId,movieId,tag,timestamp\n2,1,\"two\nlines\",1445714994\n2,1,late,12\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.EndsWith("tags.csv", error.FilePath);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal("timestamp", error.Field);
    }

    [Fact]
    public void UnclosedQuoteIsAnError()
    {
        using var dir = DataSet("movieId,title,genres\n1,\"Toy Story (1995),Animation\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("never closed", error.Problem);
    }

    [Fact]
    public void BadTmdbIdNamesTheField()
    {
        using var dir = DataSet("movieId,title,genres\n1,Toy Story (1995),Animation\n", links: "movieId,imdbId,tmdbId\n1,0114709,86x\n");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.EndsWith("links.csv", error.FilePath);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("tmdbId", error.Field);
    }

    [Theory]
    [InlineData("Toy Story (1995)", 1995)]
    [InlineData("Runaway Brain (1995) ", 1995)]
    [InlineData("Babylon 5", null)]
    [InlineData("Death Note (2006–2007)", null)]
    [InlineData("(500) Days of Summer (2009)", 2009)]
    [InlineData("1984", null)]
    public void YearComesFromATrailingFourDigitYear(string title, int? year) => Assert.Equal(year, MovieTitles.ParseYear(title));
}
