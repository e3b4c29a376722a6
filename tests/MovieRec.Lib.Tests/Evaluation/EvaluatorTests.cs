using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Splits;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Evaluation;

public sealed class EvaluatorTests
{
    private static readonly EvaluationOptions Fast = new() { Bootstrap = new BootstrapOptions { Resamples = 200 } };

    private static (TrainingData Train, RatingsTable Test, ItemCooccurrenceReference Model) Fitted()
    {
        var (train, test, _) = EvaluationTestData.Build();
        var model = new ItemCooccurrenceReference();
        model.Fit(train);
        return (train, test, model);
    }

    [Fact]
    public void AggregatesEqualRankingMetricsComputeOnTheSameData()
    {
        var (train, test, model) = Fitted();

        var result = Evaluator.Evaluate(model, train, test, Fast);

        var truth = GroundTruth.FromRatings(test);
        var expected = RankingMetrics.Compute(model.Recommend(truth.UserIds, 10), truth, 10);
        Assert.Equal(expected, result.Aggregate);
        Assert.Equal(truth.Count, result.Users);
        Assert.Equal(expected.Ndcg, result.Ndcg.Estimate, 12);
        Assert.True(result.Aggregate.Ndcg > 0.2, $"the fixture has signal; NDCG was {result.Aggregate.Ndcg}");
        Assert.Equal("ItemCooccurrenceReference", result.ModelName);
    }

    [Fact]
    public void SmallBatchesRunInParallelGiveTheSameResultAndReportProgressInOrder()
    {
        var (train, test, model) = Fitted();
        var reports = new List<EvaluationProgress>();
        var progress = new SynchronousProgress(reports.Add);

        var whole = Evaluator.Evaluate(model, train, test, Fast);
        var batched = Evaluator.Evaluate(model, train, test, Fast with { BatchSize = 7, MaxParallelBatches = 2, Progress = progress });

        Assert.Equal(whole.Aggregate, batched.Aggregate);
        Assert.Equal(whole.PerUser.UserIds, batched.PerUser.UserIds);
        Assert.Equal(whole.PerUser.Ndcg, batched.PerUser.Ndcg);
        Assert.Equal(whole.Recommendations.MovieIds, batched.Recommendations.MovieIds);
        Assert.Equal(whole.Ndcg, batched.Ndcg);
        var batches = (whole.Users + 6) / 7;
        Assert.Equal(batches, batched.Timing.Batches);
        Assert.Equal(batches, reports.Count);
        Assert.Equal(Enumerable.Range(1, batches), reports.Select(r => r.BatchesDone));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.UsersDone < p.Second.UsersDone));
        Assert.Equal(whole.Users, reports[^1].UsersDone);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void SeenItemsAreNeverRecommendedDuringEvaluation()
    {
        var (train, test, _) = EvaluationTestData.Build();
        var model = FunctionRecommender.Random();
        model.Fit(train);

        var result = Evaluator.Evaluate(model, train, test, Fast with { ValidateRecommendations = false });

        Assert.NotEmpty(model.OptionsSeen);
        Assert.All(model.OptionsSeen, o => Assert.True((o ?? RecommendOptions.Default).ExcludeSeen));
        var recommendations = result.Recommendations;
        var checkedEntries = 0;
        for (var r = 0; r < recommendations.Count; r++)
        {
            var userIndex = train.UserVocabulary.IndexOf(recommendations.QueryIds[r]);
            foreach (var movieId in recommendations.MovieIdsAt(r))
            {
                Assert.False(train.SeenItems.Contains(userIndex, train.ItemVocabulary.IndexOf(movieId)));
                checkedEntries++;
            }
        }

        Assert.Equal(result.Users * 10, checkedEntries);
    }

    [Fact]
    public void ModelThatRecommendsTrainingItemsIsRejected()
    {
        var (train, test, _) = EvaluationTestData.Build();
        var leaky = new FunctionRecommender("Leaky", (_, m) => -m) { IgnoreExclusions = true };
        leaky.Fit(train);

        var error = Assert.Throws<InvalidOperationException>(() => Evaluator.Evaluate(leaky, train, test, Fast));

        Assert.Contains("Leaky", error.Message);
        Assert.Contains("rated it in training", error.Message);
    }

    [Fact]
    public void ModelErrorsSurfaceUnwrappedFromParallelBatches()
    {
        var (train, test, _) = EvaluationTestData.Build();
        var notFitted = FunctionRecommender.Random();

        var error = Assert.Throws<InvalidOperationException>(() =>
            Evaluator.Evaluate(notFitted, train, test, Fast with { BatchSize = 10, MaxParallelBatches = 1 }));

        Assert.Equal("Not fitted.", error.Message);
    }

    [Fact]
    public void TimingFieldsArePositive()
    {
        var (train, test, _) = EvaluationTestData.Build();
        var model = new FunctionRecommender("Slow fit", (u, m) => (u * m) % 17) { FitDelayMilliseconds = 20 };

        var fitted = Evaluator.FitAndEvaluate(model, train, test, Fast);
        var notFitted = Evaluator.Evaluate(model, train, test, Fast);

        Assert.NotNull(fitted.Timing.Fit);
        Assert.True(fitted.Timing.Fit >= TimeSpan.FromMilliseconds(15), $"fit took {fitted.Timing.Fit}");
        Assert.True(fitted.Timing.Recommend > TimeSpan.Zero);
        Assert.True(fitted.Timing.RecommendPerUser > TimeSpan.Zero);
        Assert.Equal(fitted.Users, fitted.Timing.Users);
        Assert.Null(notFitted.Timing.Fit);
    }

    [Fact]
    public void KSweepEqualsSeparateComputationsAtEachKFromOneRecommendCallPerBatch()
    {
        var (train, test, model) = Fitted();
        var spy = new FunctionRecommender("Spy", (u, m) => model.Score([u], [m])[0]);
        spy.Fit(train);

        var result = Evaluator.Evaluate(spy, train, test, Fast with { SweepKs = [5, 1, 20, 5] });

        Assert.Equal(1, spy.RecommendCalls);
        Assert.Equal([1, 5, 20], result.KSweep.Select(r => r.K));
        var truth = GroundTruth.FromRatings(test);
        var top20 = model.Recommend(truth.UserIds, 20);
        foreach (var sweep in result.KSweep)
        {
            Assert.Equal(RankingMetrics.Compute(top20, truth, sweep.K), sweep);
        }

        Assert.Equal(10, result.K);
        Assert.Equal(RankingMetrics.Compute(top20, truth, 10), result.Aggregate);
        Assert.Equal(3, result.KSweepDataFrame().Rows.Count);
    }

    [Fact]
    public void IntervalsContainTheMeansAndRepeatExactlyWithTheSameSeed()
    {
        var (train, test, model) = Fitted();

        var first = Evaluator.Evaluate(model, train, test, Fast);
        var second = Evaluator.Evaluate(model, train, test, Fast);
        var otherSeed = Evaluator.Evaluate(model, train, test, Fast with { Bootstrap = Fast.Bootstrap with { Seed = 7 } });

        foreach (var metric in RankingMetricExtensions.All)
        {
            var interval = first.Interval(metric);
            Assert.Equal(first.Aggregate.ValueOf(metric), interval.Estimate, 12);
            Assert.True(interval.Contains(interval.Estimate), $"{metric}: {interval}");
            Assert.Equal(interval, second.Interval(metric));
        }

        Assert.NotEqual(first.Ndcg.Lower, otherSeed.Ndcg.Lower);
        Assert.Equal(first.Ndcg.Estimate, otherSeed.Ndcg.Estimate);
    }

    [Fact]
    public void BeyondAccuracyUsesGenresOnlyWhenMoviesAreGiven()
    {
        var (train, test, model) = Fitted();
        var withoutMovies = new TrainingData(train.Ratings);

        var withGenres = Evaluator.Evaluate(model, train, test, Fast);
        var withoutGenres = Evaluator.Evaluate(model, withoutMovies, test, Fast);

        Assert.NotNull(withGenres.BeyondAccuracy.IntraListDiversity);
        Assert.InRange(withGenres.BeyondAccuracy.IntraListDiversity!.Value, 0.0, 1.0);
        Assert.Null(withoutGenres.BeyondAccuracy.IntraListDiversity);
        Assert.Equal(
            BeyondAccuracyMetrics.Compute(withGenres.Recommendations, 10, ItemPopularity.FromRatings(train.Ratings)).CatalogueCoverage,
            withGenres.BeyondAccuracy.CatalogueCoverage);
        Assert.True(withGenres.BeyondAccuracy.Novelty > 0);
    }

    [Fact]
    public void RatingMetricsAreReportedForRatingPredictorsOnly()
    {
        var (_, _, all) = EvaluationTestData.Build();
        var ratingSplit = RandomSplitter.Split(all, 0.2, 42);
        var rankingTest = StratifiedPerUserSplitter.Split(ratingSplit.Train, 0.25, 42);
        var rankingTrain = new TrainingData(rankingTest.Train);
        var predictor = new UserMeanRatingReference();
        predictor.Fit(rankingTrain);
        var options = Fast with { RatingTest = ratingSplit.Test };

        var result = Evaluator.Evaluate(predictor, rankingTrain, rankingTest.Test, options);
        var ranker = new ItemCooccurrenceReference();
        ranker.Fit(rankingTrain);
        var rankerResult = Evaluator.Evaluate(ranker, rankingTrain, rankingTest.Test, options);

        Assert.NotNull(result.Rating);
        var expected = RatingMetrics.Compute(ratingSplit.Test.Ratings, predictor.PredictRatings(ratingSplit.Test.UserIds, ratingSplit.Test.MovieIds));
        Assert.Equal(expected, result.Rating!.Metrics);
        Assert.Equal(expected.RootMeanSquaredError, result.Rating.Rmse.Estimate, 9);
        Assert.Equal(expected.MeanAbsoluteError, result.Rating.Mae.Estimate, 9);
        Assert.True(result.Rating.Rmse.Contains(expected.RootMeanSquaredError));
        Assert.True(result.Rating.Rmse.Width > 0);
        Assert.Null(rankerResult.Rating);
    }

    [Fact]
    public void RatingTestThatOverlapsTrainingIsRefused()
    {
        var (train, test, _) = EvaluationTestData.Build();
        var predictor = new UserMeanRatingReference();
        predictor.Fit(train);

        var error = Assert.Throws<ArgumentException>(() =>
            Evaluator.Evaluate(predictor, train, test, Fast with { RatingTest = train.Ratings }));

        Assert.Equal("test", error.ParamName);
        Assert.Contains("also in the training data", error.Message);
    }

    [Fact]
    public void RelevanceThresholdKeepsOnlyHighRatingsAndUnknownUsersScoreZero()
    {
        var train = new TrainingData(new RatingsTable([1, 1, 2, 2], [10, 11, 10, 12], [4, 4, 4, 4], [1, 2, 3, 4]));
        var test = new RatingsTable([1, 1, 2, 3], [12, 13, 11, 10], [5, 2, 3.5f, 5], [5, 6, 7, 8]);
        var model = new FunctionRecommender("ByLowerId", (_, m) => -m);
        model.Fit(train);

        var result = Evaluator.Evaluate(model, train, test, Fast with { RelevanceThreshold = 4, K = 1 });

        // Relevant: user 1 → {12} (13 is below the threshold), user 3 → {10}; user 2 has nothing relevant.
        Assert.Equal([1, 3], result.PerUser.UserIds);
        Assert.Equal(1, result.UsersUnknownToModel);
        Assert.Equal([1.0, 0.0], result.PerUser.HitRate); // user 1 gets movie 12 (only unseen); user 3 gets nothing
        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(model, train, test, Fast with { RelevanceThreshold = 6 }));
    }

    [Theory]
    [InlineData(0, 1024, 1)]
    [InlineData(10, 0, 1)]
    [InlineData(10, 1024, 0)]
    public void InvalidOptionsAreRejected(int k, int batchSize, int parallelBatches)
    {
        var (train, test, model) = Fitted();

        var error = Assert.Throws<ArgumentException>(() =>
            Evaluator.Evaluate(model, train, test, new EvaluationOptions { K = k, BatchSize = batchSize, MaxParallelBatches = parallelBatches }));

        Assert.Equal("options", error.ParamName);
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => report(value);
    }
}
