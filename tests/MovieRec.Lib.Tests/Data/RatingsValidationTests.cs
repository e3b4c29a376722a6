using MovieRec.Data;

namespace MovieRec.Tests.Data;

/// <summary>Every fatal problem of a ratings file, each asserting file, line and field of the exception.</summary>
public class RatingsValidationTests
{
    private const string Header = "userId,movieId,rating,timestamp\n";

    private static MovieLensFormatException LoadBad(string content, out string path, MovieLensLoadOptions? options = null)
    {
        using var dir = new TempDirectory();
        path = dir.Write("ratings.csv", content);
        var file = path;
        return Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.LoadRatings(file, options));
    }

    [Fact]
    public void MissingFileNamesTheFile()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "ratings.csv");
        var error = Assert.Throws<MovieLensFormatException>(() => MovieLensLoader.LoadRatings(path));
        Assert.Equal(path, error.FilePath);
        Assert.Null(error.LineNumber);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void ZeroByteFileIsEmpty()
    {
        var error = LoadBad("", out var path);
        Assert.Equal(path, error.FilePath);
        Assert.Null(error.LineNumber);
        Assert.Contains("empty", error.Problem);
    }

    [Theory]
    [InlineData("userId,movieId,rating,timestamp")]
    [InlineData("userId,movieId,rating,timestamp\n")]
    [InlineData("userId,movieId,rating,timestamp\r\n\r\n")]
    public void HeaderOnlyFileHasNoRatings(string content)
    {
        var error = LoadBad(content, out var path);
        Assert.Equal(path, error.FilePath);
        Assert.Contains("no ratings", error.Problem);
    }

    [Fact]
    public void WrongHeaderSaysExpectedAndFound()
    {
        var error = LoadBad("userId,itemId,rating,timestamp\n1,1,4.0,964982703\n", out var path);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal("movieId", error.Field);
        Assert.Contains("expected 'userId,movieId,rating,timestamp'", error.Problem);
        Assert.Contains("found 'userId,itemId,rating,timestamp'", error.Problem);
    }

    [Fact]
    public void HeaderWithExtraColumnIsWrong()
    {
        var error = LoadBad("userId,movieId,rating,timestamp,extra\n1,1,4.0,964982703\n", out _);
        Assert.Equal(1, error.LineNumber);
        Assert.Contains("5 columns", error.Problem);
    }

    [Fact]
    public void MissingHeaderIsReported()
    {
        var error = LoadBad("1,1,4.0,964982703\n1,2,3.0,964982703\n", out _);
        Assert.Equal(1, error.LineNumber);
        Assert.Null(error.Field);
        Assert.Contains("missing header", error.Problem);
        Assert.Contains("1,1,4.0,964982703", error.Problem);
    }

    [Theory]
    [InlineData("1,1,4.0\n", 3)]
    [InlineData("1,1,4.0,964982703,7\n", 5)]
    [InlineData("1\n", 1)]
    public void WrongFieldCountGivesLineAndCount(string badLine, int found)
    {
        var error = LoadBad(Header + "1,1,4.0,964982703\n" + badLine + "1,3,4.0,964982703\n", out var path);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(3, error.LineNumber);
        Assert.Null(error.Field);
        Assert.Contains($"expected 4 fields", error.Problem);
        Assert.Contains($"found {found}", error.Problem);
    }

    [Theory]
    [InlineData("x,1,4.0,964982703", "userId")]
    [InlineData("-1,1,4.0,964982703", "userId")]
    [InlineData("1,,4.0,964982703", "movieId")]
    [InlineData("1,99999999999,4.0,964982703", "movieId")]
    [InlineData("1,1,four,964982703", "rating")]
    [InlineData("1,1,4.,964982703", "rating")]
    [InlineData("1,1,4.0,96498x703", "timestamp")]
    [InlineData("1,1,4.0,", "timestamp")]
    [InlineData("1, 1,4.0,964982703", "movieId")]
    public void UnparsableNumberNamesTheField(string badLine, string field)
    {
        var error = LoadBad(Header + "1,1,4.0,964982703\n1,2,4.0,964982703\n" + badLine + "\n", out var path);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("0.0")]
    [InlineData("0")]
    [InlineData("5.5")]
    [InlineData("6")]
    [InlineData("10.0")]
    public void RatingOutsideRangeIsRejected(string rating)
    {
        var error = LoadBad(Header + $"1,1,{rating},964982703\n", out _);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("rating", error.Field);
        Assert.Contains("outside 0.5 to 5.0", error.Problem);
    }

    [Theory]
    [InlineData("4.25")]
    [InlineData("3.3")]
    [InlineData("4.05")]
    public void RatingNotAHalfStepIsRejected(string rating)
    {
        var error = LoadBad(Header + "1,1,4.0,964982703\r\n" + $"1,2,{rating},964982703\r\n", out _);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("rating", error.Field);
        Assert.Contains("half step", error.Problem);
    }

    [Theory]
    [InlineData("788918399")] // one second before the default minimum
    [InlineData("4102444801")] // one second after the default maximum
    [InlineData("-5")]
    public void TimestampOutsideRangeIsRejected(string timestamp)
    {
        var error = LoadBad(Header + $"1,1,4.0,{timestamp}\n", out _);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("timestamp", error.Field);
        Assert.Contains("outside the accepted range", error.Problem);
    }

    [Fact]
    public void TimestampRangeFollowsTheOptions()
    {
        var options = new MovieLensLoadOptions { MinimumTimestamp = 1_000_000_000, MaximumTimestamp = 1_100_000_000 };
        var error = LoadBad(Header + "1,1,4.0,1000000000\n1,2,4.0,964982703\n", out _, options);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("timestamp", error.Field);
    }

    [Fact]
    public void EmptyLineInTheMiddleIsAnError()
    {
        var error = LoadBad(Header + "1,1,4.0,964982703\n\n1,2,4.0,964982703\n", out _);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("empty line", error.Problem);
    }

    [Fact]
    public void FirstErrorInFileOrderWinsAcrossParallelRanges()
    {
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(1, 500).Select(i => $"{i},{i},4.0,964982703").ToList();
        lines[123] = "124,124,9.0,964982703"; // line 125
        lines[400] = "401,401,x,964982703";   // line 402
        var path = dir.Write("ratings.csv", Header + string.Join("\n", lines));
        var settings = new RatingsReaderSettings { RangeCount = 8, ChunkSize = 64 };
        var error = Assert.Throws<MovieLensFormatException>(
            () => RatingsFileReader.Read(path, RatingsFileLayout.Csv, new MovieLensLoadOptions(), settings));
        Assert.Equal(125, error.LineNumber);
        Assert.Equal("rating", error.Field);
    }

    [Fact]
    public void OptionsWithMinimumAfterMaximumAreAnArgumentError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ratings.csv", Header + "1,1,4.0,964982703\n");
        var options = new MovieLensLoadOptions { MinimumTimestamp = 10, MaximumTimestamp = 5 };
        var error = Assert.Throws<ArgumentException>(() => MovieLensLoader.LoadRatings(path, options));
        Assert.Equal("options", error.ParamName);
    }
}
