using Microsoft.Data.Analysis;
using MovieRec.Evaluation;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Evaluation;

public sealed class LeaderboardTests
{
    private static readonly EvaluationOptions Fast = new() { Bootstrap = new BootstrapOptions { Resamples = 100 } };

    private static (EvaluationResult Good, EvaluationResult Random) Results()
    {
        var (train, test, _) = EvaluationTestData.Build();
        return (
            Evaluator.FitAndEvaluate(new ItemCooccurrenceReference(), train, test, Fast),
            Evaluator.Evaluate(Fitted(FunctionRecommender.Random(), train), train, test, Fast));
    }

    private static FunctionRecommender Fitted(FunctionRecommender model, MovieRec.Models.TrainingData train)
    {
        model.Fit(train);
        return model;
    }

    [Fact]
    public void OneRowPerModelWithMetricAndIntervalColumnsOfTheExpectedTypes()
    {
        var (good, _) = Results();

        var frame = good.ToDataFrame();

        string[] expected =
        [
            "Model", "K", "Users",
            "Precision", "PrecisionLow", "PrecisionHigh", "Recall", "RecallLow", "RecallHigh",
            "Ndcg", "NdcgLow", "NdcgHigh", "NdcgGraded", "NdcgGradedLow", "NdcgGradedHigh",
            "Map", "MapLow", "MapHigh", "HitRate", "HitRateLow", "HitRateHigh", "Mrr", "MrrLow", "MrrHigh",
            "Coverage", "Entropy", "Novelty", "Diversity",
            "Rmse", "RmseLow", "RmseHigh", "Mae", "MaeLow", "MaeHigh",
            "FitSeconds", "RecommendSeconds", "RecommendMsPerUser",
        ];
        Assert.Equal(expected, frame.Columns.Select(c => c.Name));
        Assert.Equal(1, frame.Rows.Count);
        Assert.IsType<StringDataFrameColumn>(frame.Columns["Model"]);
        Assert.IsType<Int32DataFrameColumn>(frame.Columns["K"]);
        Assert.IsType<Int32DataFrameColumn>(frame.Columns["Users"]);
        Assert.All(frame.Columns.Skip(3), c => Assert.Equal(typeof(double), c.DataType));
        Assert.Equal("ItemCooccurrenceReference", frame.Columns["Model"][0]);
        Assert.Equal(good.Ndcg.Estimate, (double)frame.Columns["Ndcg"][0]!);
        Assert.Equal(good.Ndcg.Lower, (double)frame.Columns["NdcgLow"][0]!);
        Assert.Equal(good.Ndcg.Upper, (double)frame.Columns["NdcgHigh"][0]!);
        Assert.Null(frame.Columns["Rmse"][0]); // not a rating model
        Assert.True((double)frame.Columns["FitSeconds"][0]! > 0);
    }

    [Fact]
    public void LeaderboardCombinesResultsAndSortsByAMetric()
    {
        var (good, random) = Results();

        var inOrder = Leaderboard.ToDataFrame([random, good]);
        var sorted = Leaderboard.ToDataFrame([random, good], sortBy: RankingMetric.Ndcg);

        Assert.Equal(2, inOrder.Rows.Count);
        Assert.Equal("Random", inOrder.Columns["Model"][0]);
        Assert.Equal("ItemCooccurrenceReference", sorted.Columns["Model"][0]);
        Assert.Null(inOrder.Columns["FitSeconds"][0]); // the random model was fitted outside the evaluator
        Assert.Throws<ArgumentException>(() => Leaderboard.ToDataFrame([]));
    }

    [Fact]
    public void PerUserFrameHasOneRowPerEvaluatedUser()
    {
        var (good, _) = Results();

        var frame = good.PerUserDataFrame();

        Assert.Equal(good.Users, frame.Rows.Count);
        Assert.Equal(["UserId", "Hits", "Precision", "Recall", "Ndcg", "NdcgGraded", "Map", "HitRate", "Mrr"], frame.Columns.Select(c => c.Name));
        Assert.Equal(good.PerUser.Ndcg.Average(), frame.Columns["Ndcg"].Mean(), 12);
    }
}
