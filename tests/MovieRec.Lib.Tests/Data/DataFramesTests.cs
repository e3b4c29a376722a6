using Microsoft.Data.Analysis;
using MovieRec.Data;

namespace MovieRec.Tests.Data;

public class DataFramesTests
{
    [Fact]
    public void RatingsFrameHasTypedColumnsAndTime()
    {
        var table = new RatingsTable([1, 2], [10, 20], [4.5f, 1f], [964982703, 0]);
        var frame = table.ToDataFrame();
        Assert.Equal(["userId", "movieId", "rating", "timestamp", "time"], frame.Columns.Select(c => c.Name));
        Assert.Equal(typeof(int), frame.Columns["userId"].DataType);
        Assert.Equal(typeof(int), frame.Columns["movieId"].DataType);
        Assert.Equal(typeof(float), frame.Columns["rating"].DataType);
        Assert.Equal(typeof(long), frame.Columns["timestamp"].DataType);
        Assert.Equal(typeof(DateTime), frame.Columns["time"].DataType);
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(4.5f, frame.Columns["rating"][0]);
        Assert.Equal(new DateTime(2000, 7, 30, 18, 45, 3, DateTimeKind.Utc), frame.Columns["time"][0]);
        Assert.Equal(DateTime.UnixEpoch, frame.Columns["time"][1]);
    }

    [Fact]
    public void MoviesFrameHasNullableYearAndJoinedGenres()
    {
        IReadOnlyList<Movie> movies =
        [
            new Movie(1, "Toy Story (1995)", 1995, ["Adventure", "Animation"]),
            new Movie(40697, "Babylon 5", null, []),
        ];
        var frame = movies.ToDataFrame();
        Assert.Equal(["movieId", "title", "year", "genres"], frame.Columns.Select(c => c.Name));
        Assert.IsType<PrimitiveDataFrameColumn<int>>(frame.Columns["year"], exactMatch: false);
        Assert.Equal(typeof(string), frame.Columns["title"].DataType);
        Assert.Equal(1995, frame.Columns["year"][0]);
        Assert.Null(frame.Columns["year"][1]);
        Assert.Equal(1, frame.Columns["year"].NullCount);
        Assert.Equal("Adventure|Animation", frame.Columns["genres"][0]);
        Assert.Equal("", frame.Columns["genres"][1]);
    }

    [Fact]
    public void TagsAndLinksFramesHaveTypedColumns()
    {
        IReadOnlyList<Tag> tags = [new Tag(2, 60756, "funny", 1445714994)];
        var tagFrame = tags.ToDataFrame();
        Assert.Equal(["userId", "movieId", "tag", "timestamp", "time"], tagFrame.Columns.Select(c => c.Name));
        Assert.Equal("funny", tagFrame.Columns["tag"][0]);
        Assert.Equal(typeof(long), tagFrame.Columns["timestamp"].DataType);

        IReadOnlyList<Link> links = [new Link(1, "0114709", 862), new Link(2, null, null)];
        var linkFrame = links.ToDataFrame();
        Assert.Equal(862, linkFrame.Columns["tmdbId"][0]);
        Assert.Null(linkFrame.Columns["tmdbId"][1]);
        Assert.Null(linkFrame.Columns["imdbId"][1]);
    }
}
