using MovieRec.Data;
using MovieRec.Exploration;

namespace MovieRec.Tests.Exploration;

public class ActivityCountsTests
{
    [Fact]
    public void PerUserCountsAreSortedWithTheirInequality()
    {
        var perUser = ActivityCounts.PerUser(TinyData.Ratings);

        Assert.Equal("user", perUser.Entity);
        Assert.Equal([1, 2, 3, 4], perUser.Ids);
        Assert.Equal([3, 2, 2, 1], perUser.Counts);
        Assert.Equal(1, perUser.Minimum);
        Assert.Equal(2.0, perUser.Median);
        Assert.Equal(2.0, perUser.Mean);
        Assert.Equal(3, perUser.Maximum);
        Assert.Equal(0.1875, perUser.Gini, 12);            // ascending 1 2 2 3: 2·23/(4·8) − 5/4
        Assert.Equal(0.375, perUser.TopTenPercentShare); // top max(1, 4/10) = 1 user: 3 of 8
    }

    [Fact]
    public void PerMovieCountsOnlyRatedMovies()
    {
        var perMovie = ActivityCounts.PerMovie(TinyData.Ratings);

        Assert.Equal("movie", perMovie.Entity);
        Assert.Equal([10, 20, 30, 40], perMovie.Ids); // 30 and 40 tie at 1: smaller id first; 50 is never rated
        Assert.Equal([4, 2, 1, 1], perMovie.Counts);
        Assert.Equal(1.5, perMovie.Median);
        Assert.Equal(0.3125, perMovie.Gini, 12);            // ascending 1 1 2 4: 2·25/(4·8) − 5/4
        Assert.Equal(0.5, perMovie.TopTenPercentShare);   // movie 10: 4 of 8
        Assert.Equal(4, perMovie.Length);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(4, 4)]
    public void CountWithAtMostCountsTheTail(int threshold, int expected)
    {
        Assert.Equal(expected, ActivityCounts.PerMovie(TinyData.Ratings).CountWithAtMost(threshold));
    }

    [Fact]
    public void EqualCountsHaveGiniZero()
    {
        var ratings = new RatingsTable([1, 1, 2, 2, 3, 3], [1, 2, 1, 2, 1, 2], [3, 3, 3, 3, 3, 3], [0, 0, 0, 0, 0, 0]);

        var perUser = ActivityCounts.PerUser(ratings);

        Assert.Equal(0.0, perUser.Gini, 12);
        Assert.Equal(2.0 / 6, perUser.TopTenPercentShare, 12);
    }

    [Fact]
    public void EmptyRatingsGiveNoIds()
    {
        var perMovie = ActivityCounts.PerMovie(RatingsTable.Empty);

        Assert.Empty(perMovie.Ids);
        Assert.Equal(0, perMovie.Maximum);
        Assert.True(double.IsNaN(perMovie.Median));
    }

    [Fact]
    public void NegativeThresholdIsRejected()
    {
        Assert.Throws<ArgumentException>("count", () => ActivityCounts.PerUser(TinyData.Ratings).CountWithAtMost(-1));
    }

    [Fact]
    public void RowsUseTheEntityName()
    {
        var rows = ActivityCounts.PerMovie(TinyData.Ratings).ToRows();

        Assert.Equal("movies", rows[0].Name);
        Assert.Equal("4", rows[0].Value);
        Assert.Contains(rows, r => r.Name == "movies with at most 5 ratings" && r.Value.StartsWith("4 (", StringComparison.Ordinal));
        Assert.Contains(ActivityCounts.PerMovie(TinyData.Ratings).ToRows(fewRatings: 1), r => r.Name == "movies with at most 1 ratings" && r.Value.StartsWith("2 (", StringComparison.Ordinal));
    }
}
