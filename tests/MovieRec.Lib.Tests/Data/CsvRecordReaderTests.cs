using MovieRec.Data;

namespace MovieRec.Tests.Data;

/// <summary>
/// The Sep-based side-file reader on the cases <see cref="SideFileTests"/> does not cover: blank lines,
/// malformed quotes, bare CR line ends and line numbers after multi-line quoted fields.
/// </summary>
public class CsvRecordReaderTests
{
    private const string Header = "movieId,title,genres\n";

    private static List<Movie> ReadMovies(TempDirectory dir, string text)
    {
        dir.Write("movies.csv", text);
        return CsvDataSetReader.ReadMovies(Path.Combine(dir.Path, "movies.csv"));
    }

    private static MovieLensFormatException ReadMoviesFails(string text)
    {
        using var dir = new TempDirectory();
        return Assert.Throws<MovieLensFormatException>(() => ReadMovies(dir, text));
    }

    [Fact]
    public void TrailingBlankLinesAreIgnored()
    {
        using var dir = new TempDirectory();
        var movies = ReadMovies(dir, Header + "1,Toy Story (1995),Animation\r\n\r\n\n");
        Assert.Equal("Toy Story (1995)", Assert.Single(movies).Title);
    }

    [Fact]
    public void BlankLineBetweenRecordsNamesTheBlankLine()
    {
        var error = ReadMoviesFails(Header + "1,Toy Story (1995),Animation\n\n\n2,Jumanji (1995),Adventure\n");
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("empty line", error.Problem);
    }

    [Fact]
    public void BlankLineBeforeTheHeaderIsLineOne()
    {
        var error = ReadMoviesFails("\n" + Header + "1,Toy Story (1995),Animation\n");
        Assert.Equal(1, error.LineNumber);
        Assert.Contains("empty line", error.Problem);
    }

    [Fact]
    public void OnlyBlankLinesIsAnError()
    {
        var error = ReadMoviesFails("\n\r\n");
        Assert.Null(error.LineNumber);
        Assert.Contains("only blank lines", error.Problem);
    }

    [Fact]
    public void BareCarriageReturnsEndLines()
    {
        using var dir = new TempDirectory();
        var movies = ReadMovies(dir, "movieId,title,genres\r1,Toy Story (1995),Animation\r2,Jumanji (1995),Adventure");
        Assert.Equal(["Toy Story (1995)", "Jumanji (1995)"], movies.Select(m => m.Title));
    }

    [Fact]
    public void QuotedEmptyFieldAndQuotedTitleOnLastLineWithoutNewline()
    {
        using var dir = new TempDirectory();
        var movies = ReadMovies(dir, Header + "1,\"\"\"Quoted\"\" (1995)\",\"\"");
        var movie = Assert.Single(movies);
        Assert.Equal("\"Quoted\" (1995)", movie.Title);
        Assert.Empty(movie.Genres);
    }

    [Fact]
    public void TextAfterAClosingQuoteIsAnError()
    {
        var error = ReadMoviesFails(Header + "1,Toy Story (1995),Animation\n6,\"Heat\" (1995),Action\n");
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("after a closing quote", error.Problem);
    }

    [Fact]
    public void TextAfterAClosingQuoteNamesTheLineOfTheQuote()
    {
        var error = ReadMoviesFails(Header + "6,\"Heat\nsecond line\" (1995),Action\n");
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("after a closing quote", error.Problem);
    }

    [Fact]
    public void StrayQuoteInAnUnquotedFieldIsAnError()
    {
        var error = ReadMoviesFails(Header + "1,Toy Story (1995),Animation\n5,Bob \"the Builder (1999),Comedy\n7,Sabrina (1995),Comedy\n");
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("unquoted field", error.Problem);
    }

    [Fact]
    public void QuoteInsideAnUnquotedFieldOnOneLineIsKept()
    {
        using var dir = new TempDirectory();
        var movies = ReadMovies(dir, Header + "5,Bob \"the\" Builder (1999),Comedy\n");
        Assert.Equal("Bob \"the\" Builder (1999)", Assert.Single(movies).Title);
    }

    [Fact]
    public void ErrorAfterAMultiLineFieldNamesTheRecordStart()
    {
        var error = ReadMoviesFails(Header + "1,\"Toy\r\nStory\r\n(1995)\",Animation\r\nx,Jumanji (1995),Adventure\r\n");
        Assert.Equal(5, error.LineNumber);
        Assert.Equal("movieId", error.Field);
    }

    [Fact]
    public void UnclosedQuoteInALaterFieldNamesItsLine()
    {
        var error = ReadMoviesFails(Header + "1,\"Toy\nStory\",\"Animation\n");
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("never closed", error.Problem);
    }
}
