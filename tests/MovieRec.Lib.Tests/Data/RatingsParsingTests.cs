using System.Text;
using MovieRec.Data;

namespace MovieRec.Tests.Data;

/// <summary>Corner cases of the fast ratings reader, including its chunk and range boundaries.</summary>
public class RatingsParsingTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void ParsesLineEndingsWithAndWithoutTrailingNewline(string newline)
    {
        using var dir = new TempDirectory();
        foreach (var trailing in new[] { "", newline, newline + newline })
        {
            var path = dir.Write("ratings.csv",
                string.Join(newline, "userId,movieId,rating,timestamp", "1,31,2.5,1260759144", "7,1029,3,1260759179", "610,170875,0.5,1493846415") + trailing);
            var table = MovieLensLoader.LoadRatings(path);
            Assert.Equal([1, 7, 610], table.UserIds);
            Assert.Equal([31, 1029, 170875], table.MovieIds);
            Assert.Equal([2.5f, 3f, 0.5f], table.Ratings);
            Assert.Equal([1260759144L, 1260759179L, 1493846415L], table.Timestamps);
        }
    }

    [Fact]
    public void SkipsUtf8ByteOrderMark()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "ratings.csv");
        File.WriteAllText(path, "userId,movieId,rating,timestamp\r\n1,1,5.0,964982703\r\n", new UTF8Encoding(true));
        Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);
        var table = MovieLensLoader.LoadRatings(path);
        Assert.Equal(1, table.Count);
        Assert.Equal(5f, table.Ratings[0]);
    }

    [Theory]
    [InlineData("0.5", 0.5f)]
    [InlineData("1", 1f)]
    [InlineData("3.50", 3.5f)]
    [InlineData("4.000", 4f)]
    [InlineData("5.0", 5f)]
    public void ParsesRatingSpellings(string text, float expected)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ratings.csv", $"userId,movieId,rating,timestamp\n1,1,{text},964982703\n");
        Assert.Equal(expected, MovieLensLoader.LoadRatings(path).Ratings[0]);
    }

    [Fact]
    public void HeaderIsCaseInsensitive()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ratings.csv", "UserId,MovieId,Rating,Timestamp\n1,1,4.0,964982703\n");
        Assert.Equal(1, MovieLensLoader.LoadRatings(path).Count);
    }

    [Fact]
    public void LargestIdsParse()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ratings.csv", $"userId,movieId,rating,timestamp\n{int.MaxValue},0,4.0,4102444800\n");
        var table = MovieLensLoader.LoadRatings(path);
        Assert.Equal(int.MaxValue, table.UserIds[0]);
        Assert.Equal(0, table.MovieIds[0]);
        Assert.Equal(4_102_444_800L, table.Timestamps[0]);
    }

    /// <summary>
    /// Random rows, with CRLF and LF mixed and no final newline, parsed with tiny chunks (so lines
    /// straddle reads and the buffer has to grow) and many ranges (some empty) must equal one big chunk.
    /// </summary>
    [Theory]
    [InlineData(1, 7)]
    [InlineData(3, 8)]
    [InlineData(16, 13)]
    [InlineData(64, 32)]
    [InlineData(1000, 5)]
    public void TinyChunksAndManyRangesGiveTheSameTable(int rangeCount, int chunkSize)
    {
        using var dir = new TempDirectory();
        var random = new Random(17);
        var builder = new StringBuilder("\uFEFFuserId,movieId,rating,timestamp\r\n");
        const int rows = 700;
        for (var i = 0; i < rows; i++)
        {
            builder.Append(random.Next(1, 100_000)).Append(',')
                .Append(random.Next(0, 300_000)).Append(',')
                .Append((random.Next(1, 11) * 0.5).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                .Append(random.NextInt64(800_000_000, 1_700_000_000));
            if (i < rows - 1)
            {
                builder.Append(random.Next(2) == 0 ? "\n" : "\r\n");
            }
        }

        var path = dir.Write("ratings.csv", builder.ToString());
        var options = new MovieLensLoadOptions();
        var reference = RatingsFileReader.Read(path, RatingsFileLayout.Csv, options,
            new RatingsReaderSettings { RangeCount = 1, ChunkSize = 1 << 20 });
        var chunked = RatingsFileReader.Read(path, RatingsFileLayout.Csv, options,
            new RatingsReaderSettings { RangeCount = rangeCount, ChunkSize = chunkSize });

        Assert.Equal(rows, reference.Count);
        Assert.Equal(reference.UserIds, chunked.UserIds);
        Assert.Equal(reference.MovieIds, chunked.MovieIds);
        Assert.Equal(reference.Ratings, chunked.Ratings);
        Assert.Equal(reference.Timestamps, chunked.Timestamps);
    }

    [Fact]
    public void ErrorLineNumberIsExactAcrossChunkBoundaries()
    {
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(0, 300).Select(i => $"{i + 1},{i + 10},3.5,1000000000").ToList();
        lines[250] = "251,260,3.5,10000000x0";
        var path = dir.Write("ratings.csv", "userId,movieId,rating,timestamp\n" + string.Join("\r\n", lines) + "\r\n");
        foreach (var (ranges, chunk) in new[] { (1, 1 << 20), (5, 9), (40, 16) })
        {
            var error = Assert.Throws<MovieLensFormatException>(() => RatingsFileReader.Read(
                path, RatingsFileLayout.Csv, new MovieLensLoadOptions(), new RatingsReaderSettings { RangeCount = ranges, ChunkSize = chunk }));
            Assert.Equal(252, error.LineNumber);
            Assert.Equal("timestamp", error.Field);
            Assert.Contains("10000000x0", error.Problem);
        }
    }
}
