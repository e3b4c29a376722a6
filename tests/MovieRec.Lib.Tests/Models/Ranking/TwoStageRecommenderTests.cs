using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Models.Ranking;

namespace MovieRec.Tests.Models.Ranking;

/// <summary>
/// Two-stage behaviour with models that need no TorchSharp: Popularity retrieves (most-rated first) and an
/// unregularised BiasBaseline re-ranks (best-rated first), on a fixture where the two orders disagree.
/// </summary>
public sealed class TwoStageRecommenderTests
{
    /// <summary>User 9 rated only movie 60; users 1–4 rated the rest (user 1 all but 50). Popularity: 10 (4 raters) &gt; 20 (3) &gt; 30 (2) &gt; 40 (1) = 50 (1).</summary>
    private static TrainingData Fixture() => new(new RatingsTable(
        [1, 2, 3, 4, 1, 2, 3, 1, 2, 1, 3, 9, 1],
        [10, 10, 10, 10, 20, 20, 20, 30, 30, 40, 50, 60, 60],
        [2f, 2f, 2f, 2f, 3f, 3f, 3f, 5f, 5f, 4.5f, 1f, 3f, 3f],
        new long[13]));

    private static BiasBaseline Ranker() => new(new BiasBaselineOptions { UserRegularization = 0, ItemRegularization = 0, ClipPredictions = false });

    private static TwoStageRecommender Fitted(int candidates, double rankWeight = 0)
    {
        var model = new TwoStageRecommender(new Popularity(), Ranker(), new TwoStageOptions { CandidateCount = candidates, RetrievalRankWeight = rankWeight });
        model.Fit(Fixture());
        return model;
    }

    [Fact]
    public void ReRankingOrderFollowsTheRanker()
    {
        var model = Fitted(candidates: 100);

        var row = model.Recommend([9], k: 5).MovieIdsAt(0).ToArray();
        var retrieved = model.Retriever.Recommend([9], k: 5).MovieIdsAt(0).ToArray();
        var rankerScores = model.Ranker.Score([9, 9, 9, 9, 9], row);

        Assert.Equal([10, 20, 30, 40, 50], retrieved);
        Assert.Equal([10, 20, 30, 40, 50], row.Order().ToArray());
        Assert.NotEqual(retrieved, row);
        Assert.Equal(30, row[0]); // the 5-star movie
        Assert.Equal(50, row[^1]); // the 1-star movie
        Assert.Equal(rankerScores.OrderByDescending(s => s).ToArray(), rankerScores);
        Assert.Equal(rankerScores, model.Recommend([9], k: 5).ScoresAt(0).ToArray());
    }

    [Fact]
    public void CandidatesAreLimitedToTheRetrieversTopN()
    {
        var model = Fitted(candidates: 3);

        var row = model.Recommend([9], k: 2).MovieIdsAt(0).ToArray();

        // Candidates 10, 20, 30 (the three most rated); 40 (4.5 stars) outranks 20 for the ranker but is not retrieved.
        Assert.Equal([30, 20], row);
    }

    [Fact]
    public void AskingForMoreThanTheCandidateCountRetrievesK()
    {
        var model = Fitted(candidates: 2);

        var row = model.Recommend([9], k: 4).MovieIdsAt(0).ToArray();

        Assert.Equal([30, 40, 20, 10], row);
    }

    [Fact]
    public void SeenMoviesAreExcludedUnlessTheOptionsSayOtherwise()
    {
        var model = Fitted(candidates: 100);

        var excluded = model.Recommend([1, 9], k: 10);
        var included = model.Recommend([9], k: 10, new RecommendOptions { ExcludeSeen = false });
        var extra = model.Recommend([9], k: 10, new RecommendOptions { ExcludeItemsForAllUsers = [30] });

        Assert.Equal([50], excluded.MovieIdsAt(0).ToArray()); // user 1 rated everything else
        Assert.DoesNotContain(60, excluded.MovieIdsAt(1).ToArray());
        Assert.Contains(60, included.MovieIdsAt(0).ToArray());
        Assert.DoesNotContain(30, extra.MovieIdsAt(0).ToArray());
    }

    [Fact]
    public void ALargeRetrievalRankWeightKeepsTheRetrieversOrder()
    {
        var model = Fitted(candidates: 100, rankWeight: 100);

        var row = model.Recommend([9], k: 5);

        Assert.Equal([10, 20, 30, 40, 50], row.MovieIdsAt(0).ToArray());
        Assert.Equal(row.ScoresAt(0).ToArray(), model.Score([9, 9, 9, 9, 9], [10, 20, 30, 40, 50]));
    }

    [Fact]
    public void ScoreIsTheRankersScoreAndNaNOutsideTheCatalogue()
    {
        var model = Fitted(candidates: 100);

        var scores = model.Score([9, 9, 77], [30, 888, 30]);

        Assert.Equal(model.Ranker.Score([9], [30])[0], scores[0]);
        Assert.True(float.IsNaN(scores[1]));
        Assert.True(float.IsNaN(scores[2]));
    }

    [Fact]
    public void SimilarItemsAreTheRetrievers()
    {
        var model = Fitted(candidates: 100);

        Assert.Equal(model.Retriever.SimilarItems([10, 30], 3).MovieIds, model.SimilarItems([10, 30], 3).MovieIds);
    }

    [Fact]
    public void SaveThenLoadRestoresBothStagesAndTheOptions()
    {
        var model = Fitted(candidates: 3, rankWeight: 0.5);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "two-stage");

        model.Save(folder);
        var loaded = Assert.IsType<TwoStageRecommender>(RecommenderStore.Load(folder));

        Assert.True(File.Exists(Path.Combine(folder, "retriever", RecommenderStore.ManifestFileName)));
        Assert.True(File.Exists(Path.Combine(folder, "ranker", RecommenderStore.ManifestFileName)));
        Assert.IsType<Popularity>(loaded.Retriever);
        Assert.IsType<BiasBaseline>(loaded.Ranker);
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Name, loaded.Name);
        var before = model.Recommend([1, 2, 9], k: 3);
        var after = loaded.Recommend([1, 2, 9], k: 3);
        Assert.Equal(before.Offsets, after.Offsets);
        Assert.Equal(before.MovieIds, after.MovieIds);
        Assert.Equal(before.Scores, after.Scores);
    }

    [Fact]
    public void FromFittedCombinesFittedModelsWithoutRefitting()
    {
        var retriever = new Popularity();
        var ranker = Ranker();
        retriever.Fit(Fixture());
        ranker.Fit(Fixture());

        var model = TwoStageRecommender.FromFitted(retriever, ranker, new TwoStageOptions { CandidateCount = 3 });

        Assert.Same(retriever, model.Retriever);
        Assert.Equal([30, 20], model.Recommend([9], k: 2).MovieIdsAt(0).ToArray());
    }

    [Fact]
    public void FromFittedRejectsAnUnfittedStage()
    {
        var fitted = new Popularity();
        fitted.Fit(Fixture());

        var error = Assert.Throws<ArgumentException>(() => TwoStageRecommender.FromFitted(fitted, Ranker()));

        Assert.Equal("ranker", error.ParamName);
    }

    [Fact]
    public void UsingAnUnfittedModelIsAnInvalidOperation()
    {
        var model = new TwoStageRecommender(new Popularity(), Ranker());

        Assert.Throws<InvalidOperationException>(() => model.Recommend([9], k: 1));
        Assert.Throws<InvalidOperationException>(() => model.Score([9], [10]));
        Assert.Throws<InvalidOperationException>(() => model.Save("unused"));
    }

    [Fact]
    public void InvalidOptionsNameTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new TwoStageRecommender(new Popularity(), Ranker(), new TwoStageOptions { CandidateCount = 0 }));

        Assert.Equal("options", error.ParamName);
    }
}
