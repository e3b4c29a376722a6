using MovieRec.Analysis;
using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Tests.Analysis;

public class RecommendationShowcaseTests
{
    private static readonly Movie[] Movies =
    [
        new(10, "Alpha (1999)", 1999, ["Drama"]),
        new(20, "Beta (2000)", 2000, ["Comedy", "Drama"]),
        new(30, "Gamma (2001)", 2001, []),
        new(40, "Delta (2002)", 2002, ["Horror"]),
    ];

    // User 1 rated 10 (4.0, t=1), 20 (5.0, t=2), 30 (5.0, t=3); user 2 rated 10 (3.0).
    private static readonly TrainingData Train = new(new RatingsTable([1, 1, 1, 2], [10, 20, 30, 10], [4, 5, 5, 3], [1, 2, 3, 4]), Movies);

    // User 1 held out 40 and 99; user 3 has test ratings but no training ones.
    private static readonly RatingsTable Test = new([1, 1, 3], [40, 99, 10], [4, 2, 5], [5, 6, 7]);

    [Fact]
    public void ListsSitBesideTheBestRatedHistoryWithHitsMarked()
    {
        var model = new FixedRecommender(new Dictionary<int, int[]> { [1] = [40, 99] }, new Dictionary<int, int[]>());

        var rows = RecommendationShowcase.ForUsers(model, Train, Test, Movies, [1], k: 3);

        Assert.Equal(3, rows.Count);
        // Best rated: 5.0 twice (most recent first: 30 then 20), then 10 at 4.0.
        Assert.Equal(new ShowcaseRow(1, 1, "Delta (2002)", "Horror", 10, true, "Gamma (2001)", 5), rows[0]);
        Assert.Equal(new ShowcaseRow(1, 2, "(movie 99, not in the movie list)", "", 9, true, "Beta (2000)", 5), rows[1]);
        Assert.Equal(1, rows[2].UserId);
        Assert.Equal(3, rows[2].Rank);
        Assert.Equal("", rows[2].Recommended); // only two recommendations
        Assert.True(double.IsNaN(rows[2].Score));
        Assert.False(rows[2].HeldOut);
        Assert.Equal("Alpha (1999)", rows[2].RatedHighly);
        Assert.Equal(4, rows[2].Rating);
    }

    [Fact]
    public void WithoutATestSetNothingIsAHit()
    {
        var model = new FixedRecommender(new Dictionary<int, int[]> { [1] = [40] }, new Dictionary<int, int[]>());

        var rows = RecommendationShowcase.ForUsers(model, Train, test: null, Movies, [1], k: 1);

        Assert.False(Assert.Single(rows).HeldOut);
    }

    [Fact]
    public void SampledUsersAreTestUsersWithAHistoryAndDependOnTheSeed()
    {
        var users = RecommendationShowcase.SampleUsers(Train, Test, count: 5, seed: 1);

        Assert.Equal([1], users); // user 3 has no training ratings, user 2 no test ratings
        Assert.Throws<ArgumentException>("count", () => RecommendationShowcase.SampleUsers(Train, Test, 0, 1));
        Assert.Throws<ArgumentException>("k", () => RecommendationShowcase.ForUsers(
            new FixedRecommender(new Dictionary<int, int[]>(), new Dictionary<int, int[]>()), Train, Test, Movies, [1], k: 0));
    }
}
