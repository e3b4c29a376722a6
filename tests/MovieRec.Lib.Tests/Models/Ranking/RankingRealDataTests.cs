using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.Ranking;

namespace MovieRec.Tests.Models.Ranking;

/// <summary>
/// The rating target on ml-latest-small with the library defaults: RMSE ≤ 0.87 on the standard 80/20
/// random rating split (seed 42), with the movies' genres and years. Fails (not skips) without the data.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RankingRealDataTests
{
    [Fact]
    public void RankingModelReachesTheRmseTarget()
    {
        Assert.NotNull(SharedData.MlLatestSmall);
        var data = MovieLensLoader.Load(SharedData.MlLatestSmall, new MovieLensLoadOptions { LoadTags = false, LoadLinks = false });
        var split = Protocol.Default.RatingSplit(data.Ratings);
        var model = new RankingModel();

        model.Fit(new TrainingData(split.Train, data.Movies));
        var rmse = RatingMetrics.RootMeanSquaredError(split.Test.Ratings, model.PredictRatings(split.Test.UserIds, split.Test.MovieIds));

        Assert.True(rmse <= 0.87, $"{model.Name}: RMSE {rmse:F4} is above the 0.87 target.");
    }
}
