using MovieRec.Splits;
using static MovieRec.Tests.Splits.SplitTestData;

namespace MovieRec.Tests.Splits;

public class StratifiedPerUserSplitterTests
{
    [Fact]
    public void TrainAndTestPartitionTheInputAndTestUsersAreInTrain()
    {
        var input = Random(users: 80, maxPerUser: 25, seed: 3);
        var split = StratifiedPerUserSplitter.Split(input, 0.25, seed: 42);
        AssertPartition(input, split);
        AssertTestUsersInTrain(split);
    }

    [Fact]
    public void EachUsersTestCountIsTheRoundedFraction()
    {
        var input = Random(users: 100, maxPerUser: 40, seed: 4);
        var split = StratifiedPerUserSplitter.Split(input, 0.25, seed: 42);
        var total = CountsByUser(input);
        var test = CountsByUser(split.Test);
        foreach (var (user, n) in total)
        {
            var expected = Math.Min((int)Math.Round(n * 0.25, MidpointRounding.AwayFromZero), n - 1);
            Assert.Equal(expected, test.GetValueOrDefault(user));
            if (expected == n * 0.25 || n > 2)
            {
                Assert.True(Math.Abs(test.GetValueOrDefault(user) - n * 0.25) <= 0.5, $"user {user}: {test.GetValueOrDefault(user)} of {n}");
            }
        }
    }

    [Theory]
    [InlineData(1, 0)] // 0.25 rounds to 0: the user stays in train
    [InlineData(2, 1)] // 0.5 rounds up
    [InlineData(4, 1)]
    [InlineData(6, 2)] // 1.5 rounds up
    [InlineData(9, 2)] // 2.25 rounds down
    public void HandCheckedCountsAtTwentyFivePercent(int ratings, int expectedTest)
    {
        Assert.Equal(expectedTest, StratifiedPerUserSplitter.TestCountForUser(ratings, 0.25));
        var input = Table(Enumerable.Range(0, ratings).Select(i => (5, i, 4f, (long)i)).ToArray());
        var split = StratifiedPerUserSplitter.Split(input);
        Assert.Equal(expectedTest, split.Test.Count);
    }

    [Fact]
    public void MinimumTrainPerUserCapsTheTestShare()
    {
        // 4 ratings at 90% would give 4 to test; MinimumTrainPerUser 2 keeps 2 in train.
        var input = Table(Enumerable.Range(0, 4).Select(i => (1, i, 4f, (long)i)).Append((2, 9, 1f, 0L)).Append((2, 8, 1f, 0L)).ToArray());
        var split = StratifiedPerUserSplitter.Split(input, new StratifiedPerUserSplitOptions { TestFraction = 0.9, MinimumTrainPerUser = 2 });
        Assert.Equal(2, split.Test.Count);
        Assert.All(split.Test.UserIds, u => Assert.Equal(1, u));
        Assert.Equal(4, split.Train.Count); // user 2 has only 2 ratings: all stay in train
    }

    [Fact]
    public void SameSeedGivesSameSplitAndDifferentSeedDiffers()
    {
        var input = Random(users: 40, maxPerUser: 30, seed: 5);
        var a = StratifiedPerUserSplitter.Split(input, 0.25, seed: 42);
        var b = StratifiedPerUserSplitter.Split(input, 0.25, seed: 42);
        var c = StratifiedPerUserSplitter.Split(input, 0.25, seed: 43);
        Assert.True(SameRows(a.Train, b.Train));
        Assert.True(SameRows(a.Test, b.Test));
        Assert.False(SameRows(a.Test, c.Test));
        Assert.Equal(a.Test.Count, c.Test.Count); // the seed changes which ratings, never how many
    }

    [Fact]
    public void DefaultsAreTheProjectStandard()
    {
        var options = new StratifiedPerUserSplitOptions();
        Assert.Equal(0.25, options.TestFraction);
        Assert.Equal(42, options.Seed);
        Assert.Equal(1, options.MinimumTrainPerUser);
    }

    [Fact]
    public void SparseUserIdsGroupTheSameAsCompactOnes()
    {
        // Ids spread over the int range force the sorting path instead of the counting sort.
        var compact = Random(users: 30, maxPerUser: 12, seed: 6);
        var sparseIds = compact.UserIds.Select(u => u * 9_000_000 - 1_000_000_000).ToArray();
        var sparse = new MovieRec.Data.RatingsTable(sparseIds, compact.MovieIds, compact.Ratings, compact.Timestamps);
        var a = StratifiedPerUserSplitter.Split(compact);
        var b = StratifiedPerUserSplitter.Split(sparse);
        Assert.Equal(a.Test.MovieIds, b.Test.MovieIds);
        Assert.Equal(a.Test.Timestamps, b.Test.Timestamps);
        AssertPartition(sparse, b);
    }

    [Fact]
    public void RejectsMinimumTrainBelowOne()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            StratifiedPerUserSplitter.Split(Table((1, 1, 1f, 1)), new StratifiedPerUserSplitOptions { MinimumTrainPerUser = 0 }));
        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void RealMlLatestSmallSplitsSeventyFiveTwentyFive()
    {
        var input = MlLatestSmall();
        var split = StratifiedPerUserSplitter.Split(input);
        AssertPartition(input, split);
        AssertTestUsersInTrain(split);
        Assert.Equal(610, split.Train.DistinctUserIds().Length);
        Assert.Equal(610, split.Test.DistinctUserIds().Length); // every user has ≥ 20 ratings
        Assert.InRange(split.TestShare, 0.249, 0.251);
    }
}
