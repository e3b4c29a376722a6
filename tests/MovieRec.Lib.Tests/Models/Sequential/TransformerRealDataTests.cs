using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models.Baselines;
using MovieRec.Models.Sequences;

namespace MovieRec.Tests.Models.Sequences;

[Collection(TorchCollection.Name)]
public sealed class TransformerRealDataTests
{
    /// <summary>
    /// The target on ml-latest-small: under leave-last-one-out with full-catalogue ranking the
    /// transformer's HR@10 is at least 1.3 × popularity's (docs/alternative-models.md has the measured values).
    /// </summary>
    [Fact]
    public void DefaultsBeatPopularityByThirtyPercentOnLeaveLastOneOut()
    {
        Assert.NotNull(SharedData.MlLatestSmall);
        var ratings = MovieLensLoader.LoadRatings(Path.Combine(SharedData.MlLatestSmall, "ratings.csv"));

        var popularity = SequentialProtocol.Default.Run(() => new Popularity(), ratings);
        var transformer = SequentialProtocol.Default.Run(() => new TransformerRecommender(), ratings);

        Assert.Equal(610, transformer.Aggregate.UsersEvaluated);
        Assert.True(
            transformer.Aggregate.HitRate >= 1.3 * popularity.Aggregate.HitRate,
            $"Transformer HR@10 {transformer.Aggregate.HitRate:F4} is below 1.3 × popularity's {popularity.Aggregate.HitRate:F4}.");
    }
}
