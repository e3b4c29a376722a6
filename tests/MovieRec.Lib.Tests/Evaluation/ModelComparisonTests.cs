using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Evaluation;

public sealed class ModelComparisonTests
{
    private static readonly ModelComparisonOptions Quick = new()
    {
        Evaluation = Protocol.Default.ToEvaluationOptions() with { Bootstrap = new BootstrapOptions { Resamples = 100 } },
    };

    [Fact]
    public void EveryModelRunsOnTheSameSplitUnderItsLabelAndRatingModelsAreFittedTwice()
    {
        var (_, _, all) = EvaluationTestData.Build();
        var movies = EvaluationTestData.Build().Train.Movies;
        var created = 0;

        var comparison = ModelComparison.Run(
        [
            new("Random", () => FunctionRecommender.Random()),
            new("Cooccurrence", () => new ItemCooccurrenceReference()),
            new("UserMean", () => { created++; return new UserMeanRatingReference(); }),
        ], all, movies, Quick);

        Assert.Equal(["Random", "Cooccurrence", "UserMean"], comparison.Runs.Select(r => r.Name));
        Assert.Equal(["Random", "Cooccurrence", "UserMean"], comparison.Results.Select(r => r.ModelName));
        Assert.Equal(2, created);
        Assert.NotNull(comparison["UserMean"].RatingModel);
        Assert.NotSame(comparison["UserMean"].Model, comparison["UserMean"].RatingModel);
        Assert.NotNull(comparison["UserMean"].Result.Rating);
        Assert.NotNull(comparison["UserMean"].RatingFitTime);
        Assert.Null(comparison["Cooccurrence"].RatingModel);
        Assert.Null(comparison["Cooccurrence"].Result.Rating);
        var split = Protocol.Default.RankingSplit(all);
        Assert.Equal(split.Train.Count, comparison.Train.Ratings.Count);
        Assert.All(comparison.Results, r => Assert.Equal(comparison.Results[0].Users, r.Users));
        // The same call as Protocol.Run gives the same numbers.
        var direct = Protocol.Default.Run(() => new ItemCooccurrenceReference(), all, movies, Quick.Evaluation);
        Assert.Equal(direct.Ndcg, comparison["Cooccurrence"].Result.Ndcg);
    }

    [Fact]
    public void LeaderboardIsSortedAndRowsCarryIntervalsThatMatchTheResults()
    {
        var (_, _, all) = EvaluationTestData.Build();
        var movies = EvaluationTestData.Build().Train.Movies;

        var comparison = ModelComparison.Run(
            [new("Random", () => FunctionRecommender.Random()), new("Cooccurrence", () => new ItemCooccurrenceReference())], all, movies, Quick);
        var rows = comparison.Leaderboard();

        Assert.Equal(["Cooccurrence", "Random"], rows.Select(r => r.Model)); // co-occurrence beats random on this data
        Assert.Equal("Cooccurrence", comparison.Best().Name);
        Assert.Equal("Random", comparison.Best(where: r => r.Name != "Cooccurrence").Name);
        var row = rows[0];
        var result = comparison["Cooccurrence"].Result;
        Assert.Equal(result.Ndcg, row.Ndcg);
        Assert.Equal(result.MeanReciprocalRank, row.Mrr);
        Assert.Equal(result.BeyondAccuracy.CatalogueCoverage, row.Coverage);
        Assert.Equal(result.BeyondAccuracy.Novelty, row.Novelty!.Estimate, 1e-9);
        Assert.Equal(result.BeyondAccuracy.IntraListDiversity!.Value, row.Diversity!.Estimate, 1e-9);
        Assert.True(row.Novelty.Contains(row.Novelty.Estimate) && row.Diversity.Contains(row.Diversity.Estimate));
        Assert.Null(row.Rmse);
        Assert.Equal(result.Timing.Fit!.Value.TotalSeconds, row.FitSeconds);
        Assert.Equal("ItemCooccurrenceReference", row.Description.Split('(')[0]);
    }

    [Fact]
    public void UserSampleKeepsAllRatingsOfThatManyUsersDeterministically()
    {
        var (_, _, all) = EvaluationTestData.Build();
        var options = Quick with { UserSampleSize = 30, RatingMetrics = false };

        var first = ModelComparison.Run([new("UserMean", () => new UserMeanRatingReference())], all, null, options);
        var second = ModelComparison.Run([new("UserMean", () => new UserMeanRatingReference())], all, null, options);

        var users = first.Ratings.DistinctUserIds();
        Assert.Equal(30, users.Length);
        Assert.Equal(users, second.Ratings.DistinctUserIds());
        Assert.Equal(all.UserIds.Count(users.Contains), first.Ratings.Count); // every rating of a kept user
        Assert.Null(first["UserMean"].RatingModel);                            // RatingMetrics = false
        Assert.Null(first.Runs[0].Diversity);                                 // no movies, no genres
    }

    [Fact]
    public void AComposedEntryReusesTheFittedModelsWithoutTrainingAgain()
    {
        var (_, _, all) = EvaluationTestData.Build();
        var movies = EvaluationTestData.Build().Train.Movies;
        IRecommender? handedOver = null;

        var comparison = ModelComparison.Run(
        [
            new("Cooccurrence", () => new ItemCooccurrenceReference()),
            ModelEntry.FromFitted("Again", fitted => handedOver = fitted["Cooccurrence"]),
        ], all, movies, Quick);

        Assert.Same(comparison["Cooccurrence"].Model, handedOver);     // the fitted instance, not a new one
        Assert.Same(handedOver, comparison["Again"].Model);
        Assert.Equal(comparison["Cooccurrence"].Result.Ndcg, comparison["Again"].Result.Ndcg);
        Assert.Null(comparison["Again"].Result.Timing.Fit);              // it trained nothing itself
        Assert.Null(comparison["Again"].RatingModel);

        var missing = Assert.Throws<ArgumentException>(() => ModelComparison.Run(
            [ModelEntry.FromFitted("Early", fitted => fitted["Later"]), new("Later", () => new ItemCooccurrenceReference())], all, movies, Quick));
        Assert.Contains("'Early'", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ModelEntry.FromFitted("X", f => f["Y"]).Create());
    }

    [Fact]
    public void InvalidEntriesAreRejected()
    {
        var (_, _, all) = EvaluationTestData.Build();

        Assert.Equal("entries", Assert.Throws<ArgumentException>(() => ModelComparison.Run([], all)).ParamName);
        var duplicate = Assert.Throws<ArgumentException>(() => ModelComparison.Run(
            [new("A", () => FunctionRecommender.Random()), new("A", () => FunctionRecommender.Random())], all));
        Assert.Contains("'A'", duplicate.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ModelComparison.Run([new(" ", () => FunctionRecommender.Random())], all));
        Assert.Throws<ArgumentException>(() => ModelComparison.Run([new("Null", () => null!)], all));
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            ModelComparison.Run([new("A", () => FunctionRecommender.Random())], all, null, new ModelComparisonOptions { UserSampleSize = 1 })).ParamName);
        var missing = Assert.Throws<KeyNotFoundException>(() =>
            ModelComparison.Run([new("A", () => FunctionRecommender.Random())], all, null, Quick)["B"]);
        Assert.Contains("A", missing.Message, StringComparison.Ordinal);
    }
}
