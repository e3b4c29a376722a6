using System.Diagnostics;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Splits;
using Xunit.Abstractions;

namespace MovieRec.Tests.Models.Baselines;

/// <summary>
/// The standard protocol on the real ml-latest-small, loaded and split once for the class: stratified per
/// user 75/25 (seed 42), top-10 excluding seen movies, every held-out rating relevant; and a random 80/20
/// split (seed 42) for rating error. Fails (never skips) when the data is missing.
/// </summary>
public sealed class MlLatestSmallProtocolFixture
{
    public MlLatestSmallProtocolFixture()
    {
        var path = SharedData.MlLatestSmall
            ?? throw new InvalidOperationException("ml-latest-small was not found under ../shared/data: the real-data baseline tests need it.");
        Ratings = MovieLensLoader.LoadRatings(Path.Combine(path, "ratings.csv"));
        var split = StratifiedPerUserSplitter.Split(Ratings, testFraction: 0.25, seed: 42);
        Train = new TrainingData(split.Train);
        Truth = GroundTruth.FromRatings(split.Test);
    }

    public RatingsTable Ratings { get; }

    public TrainingData Train { get; }

    public GroundTruth Truth { get; }
}

[Collection(TorchCollection.Name)]
public sealed class BaselinesRealDataTests(MlLatestSmallProtocolFixture protocol, ITestOutputHelper output)
    : IClassFixture<MlLatestSmallProtocolFixture>
{
    [Fact]
    public void PopularityScoresAboutPointTwoOne()
    {
        var ndcg = NdcgAtTen(new Popularity());

        Assert.InRange(ndcg, 0.20, 0.22);
    }

    [Fact]
    public void BiasBaselineRmseIsAtMostPointEightNine()
    {
        var split = RandomSplitter.Split(protocol.Ratings, testFraction: 0.2, seed: 42);
        var model = new BiasBaseline();
        var stopwatch = Stopwatch.StartNew();
        model.Fit(split.Train);
        output.WriteLine($"{model.Name}: fit {stopwatch.Elapsed.TotalSeconds:F2} s");

        var predictions = model.PredictRatings(split.Test.UserIds, split.Test.MovieIds);
        var rmse = RatingMetrics.RootMeanSquaredError(split.Test.Ratings, predictions);

        output.WriteLine($"{model.Name}: RMSE {rmse:F4}");
        Assert.InRange(rmse, 0.80, 0.89);
    }

    [Fact]
    public void ItemKnnWithDefaultsReachesPointThreeThree()
    {
        var ndcg = NdcgAtTen(new ItemKnn());

        Assert.True(ndcg >= 0.33, $"NDCG@10 {ndcg:F4} < 0.33");
    }

    [Fact]
    public void EaseWithDefaultsReachesPointThreeNine()
    {
        var ndcg = NdcgAtTen(new Ease());

        Assert.True(ndcg >= 0.39, $"NDCG@10 {ndcg:F4} < 0.39");
    }

    private double NdcgAtTen(IRecommender model)
    {
        var stopwatch = Stopwatch.StartNew();
        model.Fit(protocol.Train);
        var fit = stopwatch.Elapsed.TotalSeconds;
        var recommendations = model.Recommend(protocol.Truth.UserIds, k: 10);
        var metrics = RankingMetrics.Compute(recommendations, protocol.Truth, k: 10);
        output.WriteLine($"{model.Name}: NDCG@10 {metrics.Ndcg:F4} over {metrics.UsersEvaluated} users, fit {fit:F2} s");
        return metrics.Ndcg;
    }
}
