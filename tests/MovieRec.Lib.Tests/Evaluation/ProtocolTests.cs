using MovieRec.Evaluation;
using MovieRec.Splits;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Evaluation;

public sealed class ProtocolTests
{
    [Fact]
    public void DefaultsAreTheProjectStandard()
    {
        var protocol = Protocol.Default;

        Assert.Equal("ml-latest-small", protocol.DataSet);
        Assert.Equal(0.25, protocol.TestFraction);
        Assert.Equal(42, protocol.Seed);
        Assert.Equal(10, protocol.K);
        Assert.Null(protocol.RelevanceThreshold);
        Assert.Equal(0.20, protocol.RatingTestFraction);
        var options = protocol.ToEvaluationOptions();
        Assert.Equal(10, options.K);
        Assert.Null(options.RelevanceThreshold);
        Assert.Equal(42, options.Bootstrap.Seed);
        Assert.Equal(1_000, options.Bootstrap.Resamples);
        Assert.Contains("stratified 75/25 split (seed 42)", protocol.ToString());
        Assert.Contains("80/20", protocol.ToString());
    }

    [Fact]
    public void SplitsAreTheStandardSplittersWithTheProtocolParameters()
    {
        var (_, _, all) = EvaluationTestData.Build();
        var protocol = Protocol.Default with { Seed = 3, TestFraction = 0.3, RatingTestFraction = 0.1 };

        var ranking = protocol.RankingSplit(all);
        var rating = protocol.RatingSplit(all);

        var expectedRanking = StratifiedPerUserSplitter.Split(all, 0.3, 3);
        var expectedRating = RandomSplitter.Split(all, 0.1, 3);
        Assert.Equal(expectedRanking.Test.MovieIds, ranking.Test.MovieIds);
        Assert.Equal(expectedRanking.Test.UserIds, ranking.Test.UserIds);
        Assert.Equal(expectedRating.Test.MovieIds, rating.Test.MovieIds);
        Assert.Equal(expectedRating.Test.UserIds, rating.Test.UserIds);
        Assert.Equal(all.Count, rating.Train.Count + rating.Test.Count);
    }

    [Fact]
    public void EveryHeldOutRatingIsRelevantUnlessAThresholdIsSet()
    {
        var (_, test, _) = EvaluationTestData.Build();

        var all = Protocol.Default.GroundTruth(test);
        var high = (Protocol.Default with { RelevanceThreshold = 4 }).GroundTruth(test);

        Assert.Equal(test.Count, all.MovieIds.Length);
        Assert.Equal(test.Ratings.Count(r => r >= 4), high.MovieIds.Length);
    }

    [Fact]
    public void RunFitsEvaluatesAndScoresRatingModelsOnTheRatingSplit()
    {
        var (_, _, all) = EvaluationTestData.Build();
        var protocol = Protocol.Default;
        var options = protocol.ToEvaluationOptions() with { Bootstrap = new BootstrapOptions { Resamples = 100 } };
        var created = 0;

        var result = protocol.Run(() => { created++; return new UserMeanRatingReference(); }, all, options: options);
        var rankerOnly = protocol.Run(() => new ItemCooccurrenceReference(), all, options: options);

        Assert.Equal(2, created); // one model per split: the ranking model has seen part of the rating test set
        Assert.NotNull(result.Rating);
        Assert.NotNull(result.Timing.Fit);
        Assert.True(result.Rating!.Rmse.Estimate > 0);
        var ratingTest = protocol.RatingSplit(all).Test;
        Assert.Equal(ratingTest.Count, result.Rating.Metrics.Count);
        Assert.Null(rankerOnly.Rating);
        var split = protocol.RankingSplit(all);
        Assert.Equal(Protocol.Default.GroundTruth(split.Test).Count, rankerOnly.Users);
    }

    [Theory]
    [InlineData(0.0, 0.2, 10)]
    [InlineData(0.25, 1.0, 10)]
    [InlineData(0.25, 0.2, 0)]
    public void InvalidProtocolsAreRejected(double testFraction, double ratingTestFraction, int k)
    {
        var protocol = new Protocol { TestFraction = testFraction, RatingTestFraction = ratingTestFraction, K = k };

        Assert.Throws<ArgumentException>(protocol.Validate);
    }
}
