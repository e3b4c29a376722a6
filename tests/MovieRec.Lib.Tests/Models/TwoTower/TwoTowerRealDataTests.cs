using System.Diagnostics;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.TwoTower;
using MovieRec.Splits;
using Xunit.Abstractions;

namespace MovieRec.Tests.Models.TwoTower;

/// <summary>
/// The standard protocol on the real ml-latest-small: stratified per-user split 75/25 seed 42, top-10 among
/// movies not rated in train, every held-out rating relevant, NDCG@10. Trains with the default options.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TwoTowerRealDataTests(ITestOutputHelper output)
{
    /// <summary>
    /// The quality bar this test enforces: the measured default-options result minus a small margin for
    /// floating-point differences between hosts (docs/two-tower.md has the measured numbers).
    /// </summary>
    private const double MinimumNdcgAt10 = RequiredNdcgAt10;

    /// <summary>Measured 0.3404 with the defaults (log-Q weight 2) in session 3, 0.3411 with the session-6 defaults (sparse id-table updates); 0.005 below the former.</summary>
    internal const double RequiredNdcgAt10 = 0.335;

    [Fact]
    public void DefaultOptionsReachTheQualityBarOnMlLatestSmall()
    {
        Assert.NotNull(SharedData.MlLatestSmall);
        var dataset = MovieLensLoader.Load(SharedData.MlLatestSmall!);
        var split = StratifiedPerUserSplitter.Split(dataset.Ratings, testFraction: 0.25, seed: 42);
        var model = new TwoTowerRecommender();

        var clock = Stopwatch.StartNew();
        model.Fit(new TrainingData(split.Train, dataset.Movies));
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var truth = GroundTruth.FromRatings(split.Test);
        var metrics = RankingMetrics.Compute(model.Recommend(truth.UserIds, k: 10), truth, k: 10);

        output.WriteLine($"NDCG@10 {metrics.Ndcg:F4}, Recall@10 {metrics.Recall:F4}, fit {fitSeconds:F1}s, {model.History}");
        Assert.True(
            metrics.Ndcg >= MinimumNdcgAt10,
            $"NDCG@10 {metrics.Ndcg:F4} is below {MinimumNdcgAt10} (fit {fitSeconds:F1}s, {model.History}).");
    }
}
