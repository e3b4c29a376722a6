using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Exploration;
using MovieRec.Splits;

namespace MovieRec.Tests.Exploration;

public class SplitOverviewTests
{
    [Fact]
    public void DescribesSizesUsersAndColdMovies()
    {
        // Train: rows 0 1 3 5 7 (movies 10, 20); test: row 2 (user 1, movie 30), 4 (user 2, movie 20), 6 (user 3, movie 40).
        var split = new TrainTestSplit(TinyData.Ratings.Select([0, 1, 3, 5, 7]), TinyData.Ratings.Select([2, 4, 6]));

        var overview = SplitOverview.Of(split);

        Assert.Equal((5, 3), (overview.TrainRatings, overview.TestRatings));
        Assert.Equal(0.375, overview.TestShare);
        Assert.Equal((4, 3, 0), (overview.TrainUsers, overview.TestUsers, overview.TestUsersNotInTrain));
        Assert.Equal((2, 3), (overview.TrainMovies, overview.TestMovies));
        Assert.Equal((2, 2), (overview.ColdTestMovies, overview.ColdTestRatings)); // 30 and 40 never in train
        Assert.Equal(2.0 / 3, overview.ColdTestRatingShare, 12);
        Assert.Equal([1.0 / 3, 0.5, 0.5], overview.UserTestShares); // users 1, 2, 3
        Assert.Equal(1.0 / 3, overview.MinimumUserTestShare);
        Assert.Equal(0.5, overview.MedianUserTestShare);
        Assert.Equal(0.5, overview.MaximumUserTestShare);
    }

    [Fact]
    public void ATestUserWithoutTrainRatingsIsCountedAsCold()
    {
        // User 4's only rating is in test.
        var split = new TrainTestSplit(TinyData.Ratings.Select([0, 1, 2, 3, 4, 5, 6]), TinyData.Ratings.Select([7]));

        var overview = SplitOverview.Of(split);

        Assert.Equal(1, overview.TestUsersNotInTrain);
        Assert.Equal([1.0], overview.UserTestShares);
        Assert.Equal(0, overview.ColdTestMovies); // movie 10 is in train
    }

    [Fact]
    public void TheStandardSplitKeepsEveryTestUserInTrain()
    {
        var split = Protocol.Default.RankingSplit(TinyData.Ratings);

        var overview = SplitOverview.Of(split);

        // round(n / 4), halves up, per user: 3 ratings → 1, 2 → 1, 2 → 1, 1 → 0 (user 4 stays in train).
        Assert.Equal((5, 3), (overview.TrainRatings, overview.TestRatings));
        Assert.Equal((4, 3, 0), (overview.TrainUsers, overview.TestUsers, overview.TestUsersNotInTrain));
        Assert.Equal([1.0 / 3, 0.5, 0.5], overview.UserTestShares);
    }

    [Fact]
    public void AnEmptySplitHasNaNShares()
    {
        var overview = SplitOverview.Of(new TrainTestSplit(RatingsTable.Empty, RatingsTable.Empty));

        Assert.Equal(0, overview.TestUsers);
        Assert.True(double.IsNaN(overview.MedianUserTestShare));
        Assert.Equal(0, overview.ColdTestRatingShare);
    }
}
