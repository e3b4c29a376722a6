using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Models.Ranking;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Models.Ranking;

/// <summary>
/// The whole <see cref="IRecommender"/> contract on a two-stage model: item-kNN retrieves 3 candidates, the
/// bias baseline re-ranks them (no TorchSharp, so it runs outside the Torch collection).
/// </summary>
public sealed class TwoStageConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() =>
        new TwoStageRecommender(new ItemKnn(), new BiasBaseline(), new TwoStageOptions { CandidateCount = 3 });

    /// <summary>
    /// The re-ranker orders item-kNN's three candidates (the held-out movie and two of the other block) by
    /// predicted rating, which knows nothing of the blocks: measured 6 of 14 users. Required: better than
    /// chance among three candidates (1/3).
    /// </summary>
    protected override double MinimumCheckerboardHitRate => 0.4;
}
