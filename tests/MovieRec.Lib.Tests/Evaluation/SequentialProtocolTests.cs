using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models.Baselines;

namespace MovieRec.Tests.Evaluation;

public sealed class SequentialProtocolTests
{
    /// <summary>
    /// User 1: 10@1, 20@2, 30@3 → 30 held out, train {10, 20}.
    /// User 2: 10@1, 20@5, 30@2 → 20 held out (latest), train {10, 30}.
    /// User 3: 10@1, 30@2 → 30 held out, train {10}.
    /// User 4: 40@1 only → stays whole in train, not evaluated.
    /// Training counts: 10 ×3, 20, 30, 40 ×1 each; popularity breaks ties by the lower id.
    /// Popularity's lists: user 1 (10, 20 seen) → 30, 40: hit at rank 1. User 2 (10, 30 seen) → 20, 40: hit at
    /// rank 1. User 3 (10 seen) → 20, 30, 40: hit at rank 2.
    /// </summary>
    private static RatingsTable Ratings() => new(
        [1, 1, 1, 2, 2, 2, 3, 3, 4],
        [10, 20, 30, 10, 20, 30, 10, 30, 40],
        [4f, 4f, 4f, 4f, 4f, 4f, 4f, 4f, 4f],
        [1L, 2L, 3L, 1L, 5L, 2L, 1L, 2L, 1L]);

    [Fact]
    public void SplitHoldsOutEachUsersLatestRating()
    {
        var split = SequentialProtocol.Default.Split(Ratings());

        var heldOut = Enumerable.Range(0, split.Test.Count).Select(i => (split.Test.UserIds[i], split.Test.MovieIds[i])).ToArray();
        Assert.Equal([(1, 30), (2, 20), (3, 30)], heldOut);
        Assert.Equal(6, split.Train.Count);
    }

    [Fact]
    public void PopularityScoresAsWorkedOutByHandAtTopTwo()
    {
        var result = (SequentialProtocol.Default with { K = 2 }).Run(() => new Popularity(), Ratings());

        Assert.Equal(3, result.Aggregate.UsersEvaluated);
        Assert.Equal(1.0, result.Aggregate.HitRate, 12);
        Assert.Equal((1 + 1 + (1 / Math.Log2(3))) / 3, result.Aggregate.Ndcg, 12);
        Assert.Equal([30, 40], result.Recommendations.MovieIdsAt(0).ToArray());
        Assert.NotNull(result.Timing.Fit);
    }

    [Fact]
    public void AtTopOneTheThirdUserMisses()
    {
        var result = SequentialProtocol.Default.Run(() => new Popularity(), Ratings(), options: new EvaluationOptions { K = 1 });

        Assert.Equal(2.0 / 3, result.Aggregate.HitRate, 12);
        Assert.Equal(2.0 / 3, result.Aggregate.Ndcg, 12);
    }

    [Fact]
    public void DefaultsAreLeaveOneOutTopTen()
    {
        var options = SequentialProtocol.Default.ToEvaluationOptions();

        Assert.Equal(1, SequentialProtocol.Default.HeldOutPerUser);
        Assert.Equal(10, options.K);
        Assert.Null(options.RelevanceThreshold);
        Assert.Equal(42, options.Bootstrap.Seed);
        Assert.Contains("leave last 1 out", SequentialProtocol.Default.ToString());
    }

    [Fact]
    public void NothingToHoldOutIsAClearError()
    {
        var single = new RatingsTable([1, 2], [10, 20], [4f, 4f], [1L, 1L]);

        var error = Assert.Throws<ArgumentException>(() => SequentialProtocol.Default.Run(() => new Popularity(), single));

        Assert.Equal("ratings", error.ParamName);
    }

    [Fact]
    public void InvalidSettingsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => (SequentialProtocol.Default with { HeldOutPerUser = 0 }).Split(Ratings()));
        Assert.Throws<ArgumentException>(() => (SequentialProtocol.Default with { K = 0 }).Run(() => new Popularity(), Ratings()));
    }
}
