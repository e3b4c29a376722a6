using System.Diagnostics;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.TwoTower;
using MovieRec.Splits;
using Xunit.Abstractions;

namespace MovieRec.Tests.Models.TwoTower;

/// <summary>
/// The standard protocol on the real ml-latest-small (stratified per-user split 75/25 seed 42, top-10 among movies not
/// rated in train, every held-out rating relevant) for <see cref="TwoTowerOptions.EaseDistilled"/>: the two-tower
/// student distilled from EASE must stay above implicit ALS (0.3662).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class EaseDistilledRealDataTests(ITestOutputHelper output)
{
    /// <summary>Measured 0.3850 (Recall@10 0.1529) with the preset in session 6 (docs/two-tower.md); 0.005 below it.</summary>
    internal const double RequiredNdcgAt10 = 0.380;

    [Fact]
    public void TheEaseDistilledPresetReachesTheQualityBarOnMlLatestSmall()
    {
        Assert.NotNull(SharedData.MlLatestSmall);
        var dataset = MovieLensLoader.Load(SharedData.MlLatestSmall!);
        var split = StratifiedPerUserSplitter.Split(dataset.Ratings, testFraction: 0.25, seed: 42);
        var model = new TwoTowerRecommender(TwoTowerOptions.EaseDistilled);

        var clock = Stopwatch.StartNew();
        model.Fit(new TrainingData(split.Train, dataset.Movies));
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var truth = GroundTruth.FromRatings(split.Test);
        var metrics = RankingMetrics.Compute(model.Recommend(truth.UserIds, k: 10), truth, k: 10);

        output.WriteLine($"NDCG@10 {metrics.Ndcg:F4}, Recall@10 {metrics.Recall:F4}, fit {fitSeconds:F1}s, {model.History}");
        Assert.True(
            metrics.Ndcg >= RequiredNdcgAt10,
            $"NDCG@10 {metrics.Ndcg:F4} is below {RequiredNdcgAt10} (fit {fitSeconds:F1}s, {model.History}).");
    }
}
