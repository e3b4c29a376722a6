using MovieRec.Data;

namespace MovieRec.Tests.Data;

public sealed class DatasetSummaryTests
{
    private static MovieLensDataset Dataset(RatingsTable ratings, int movies = 4) => new(
        "tiny", "/tmp/tiny", MovieLensFormat.Csv, ratings,
        Enumerable.Range(1, movies).Select(id => new Movie(id, $"M{id} (2000)", 2000, ["Drama"])).ToList(),
        [new Tag(1, 1, "funny", 0)], [], DataQualityReport.Clean);

    [Fact]
    public void CountsDensityAndMediansByHand()
    {
        // user 1 rates movies 1,2,3; user 2 rates movie 1: 4 ratings over 2 users x 3 rated movies.
        var ratings = new RatingsTable([1, 1, 1, 2], [1, 2, 3, 1], [4f, 3f, 5f, 2f], [100, 200, 300, 86_400]);

        var summary = DatasetSummary.Of(Dataset(ratings));

        Assert.Equal(2, summary.Users);
        Assert.Equal(4, summary.Movies);
        Assert.Equal(3, summary.RatedMovies);
        Assert.Equal(4, summary.Ratings);
        Assert.Equal(1, summary.Tags);
        Assert.Equal(4 / 6.0, summary.Density, 12);
        Assert.Equal(3.5, summary.MeanRating, 12);
        Assert.Equal(1, summary.MinimumRatingsPerUser);
        Assert.Equal(2.0, summary.MedianRatingsPerUser);
        Assert.Equal(3, summary.MaximumRatingsPerUser);
        Assert.Equal(1.0, summary.MedianRatingsPerMovie); // counts 1,1,2
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(100), summary.FirstRating);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(86_400), summary.LastRating);
    }

    [Fact]
    public void EmptyRatingsGiveZerosNotErrors()
    {
        var summary = DatasetSummary.Of(Dataset(RatingsTable.Empty));

        Assert.Equal(0, summary.Users);
        Assert.Equal(0, summary.Density);
        Assert.Null(summary.FirstRating);
        Assert.Contains(summary.ToRows(), row => row is ("time span", "-"));
    }
}
