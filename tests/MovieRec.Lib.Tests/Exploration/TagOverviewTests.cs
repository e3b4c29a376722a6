using MovieRec.Data;
using MovieRec.Exploration;

namespace MovieRec.Tests.Exploration;

public class TagOverviewTests
{
    private static readonly IReadOnlyList<Tag> Tags =
    [
        new(1, 10, "funny", 0),
        new(1, 10, " Funny ", 0), // the same tag once trimmed and lower-cased
        new(2, 10, "funny", 0),
        new(2, 30, "dark", 0),
        new(5, 60, "Dark", 0),    // user 5 rated nothing; movie 60 was never rated
    ];

    [Fact]
    public void CountsTagsMoviesAndUsers()
    {
        var overview = TagOverview.Of(Tags, TinyData.Ratings, top: 10);

        Assert.Equal(5, overview.Tags);
        Assert.Equal(2, overview.DistinctTags);
        Assert.Equal(3, overview.TaggedMovies);   // 10, 30, 60
        Assert.Equal(3, overview.TaggingUsers);   // 1, 2, 5
        Assert.Equal(4, overview.RatingUsers);
        Assert.Equal(4, overview.RatedMovies);    // 10, 20, 30, 40
        Assert.Equal(1, overview.TaggedMoviesWithoutRatings);
        Assert.Equal(0.75, overview.TaggingUserShare);
        Assert.Equal(0.75, overview.TaggedMovieShare);
        Assert.Equal([new TagCount("funny", 3, 1, 2), new TagCount("dark", 2, 2, 2)], overview.MostFrequent);
    }

    [Fact]
    public void TopLimitsTheList()
    {
        var overview = TagOverview.Of(Tags, TinyData.Ratings, top: 1);

        Assert.Equal("funny", Assert.Single(overview.MostFrequent).Tag);
        Assert.Equal(2, overview.DistinctTags); // the totals still cover every tag
    }

    [Fact]
    public void NoTagsGiveZeros()
    {
        var overview = TagOverview.Of([], TinyData.Ratings);

        Assert.Equal((0, 0, 0, 0), (overview.Tags, overview.DistinctTags, overview.TaggedMovies, overview.TaggingUsers));
        Assert.Empty(overview.MostFrequent);
        Assert.Equal("-", overview.ToRows()[^1].Value);
    }

    [Fact]
    public void NonPositiveTopIsRejected()
    {
        Assert.Throws<ArgumentException>("top", () => TagOverview.Of(Tags, TinyData.Ratings, top: 0));
    }
}
