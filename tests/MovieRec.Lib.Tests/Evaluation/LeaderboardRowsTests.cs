using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class LeaderboardRowsTests
{
    private static ConfidenceInterval Ci(double estimate, double width = 0.02) => new(estimate, estimate - width, estimate + width, 0.95);

    private static LeaderboardRow Row(string model, double ndcg, ConfidenceInterval? rmse = null) => new(
        model, model + "(x=1)", 10, 610, Ci(0.3), Ci(0.15), Ci(ndcg), Ci(0.25), Ci(0.85), Ci(0.6),
        0.05, Ci(9.3, 0.1), Ci(0.79), rmse, rmse is null ? null : Ci(0.67), 9.87, 1.234, rmse is null ? null : 2.0);

    [Fact]
    public void TextHasAHeaderARuleAndOneAlignedLinePerRow()
    {
        var text = Leaderboard.ToText([Row("Ease", 0.4052), Row("MatrixFactorizationNN", 0.05, Ci(0.8644))]);

        var lines = text.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Model", lines[0], StringComparison.Ordinal);
        Assert.Contains("NDCG@10 [95% CI]", lines[0], StringComparison.Ordinal);
        Assert.Matches("^-+$", lines[1]);
        Assert.StartsWith("Ease                   0.4052 [0.3852, 0.4252]", lines[2], StringComparison.Ordinal);
        Assert.Contains("  0.8644  0.6700", lines[3], StringComparison.Ordinal);   // RMSE, MAE of the rating model
        Assert.Contains("  -       -", lines[2], StringComparison.Ordinal);          // none for EASE
        Assert.EndsWith("9.9   1.23", lines[2], StringComparison.Ordinal);          // fit and recommend seconds
        Assert.Equal(lines[2].Length, lines[3].Length);
    }

    [Fact]
    public void SummaryTableShowsEveryMetricWithItsInterval()
    {
        var frame = Leaderboard.ToSummaryDataFrame([Row("Ease", 0.4052)], digits: 3);

        Assert.Equal(
            ["Model", "Precision@10", "Recall@10", "NDCG@10", "MAP@10", "HitRate@10", "MRR@10", "Coverage", "Novelty (bits)", "Diversity", "RMSE", "MAE", "Fit (s)", "Recommend (s)"],
            frame.Columns.Select(c => c.Name));
        Assert.Equal("0.405 [0.385, 0.425]", frame.Columns["NDCG@10"][0]);
        Assert.Equal("-", frame.Columns["RMSE"][0]);
        Assert.Equal("9.9", frame.Columns["Fit (s)"][0]);
        Assert.Throws<ArgumentException>("rows", () => Leaderboard.ToSummaryDataFrame([]));
        Assert.Throws<ArgumentException>("digits", () => Leaderboard.ToSummaryDataFrame([Row("Ease", 0.4)], digits: 0));
    }

    [Fact]
    public void RowsRoundTripThroughANotebookResultsFile()
    {
        using var directory = new TempDirectory();
        LeaderboardRow[] rows = [Row("Ease", 0.4052), Row("Cfnn", 0.1, Ci(0.8645)) with { Diversity = null, Novelty = Ci(double.NaN, 0) }];
        var json = System.Text.Json.JsonSerializer.Serialize(
            new { TOP_K = 10, Leaderboard = rows },
            new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        var path = directory.Write("04-evaluation.results.json", json);

        var read = Leaderboard.ReadResults(path);

        Assert.Equal(2, read.Count);
        Assert.Equal(rows[0], read[0]);
        Assert.Equal(0.8645, read[1].Rmse!.Estimate);
        Assert.Null(read[1].Diversity);
        Assert.True(double.IsNaN(read[1].Novelty!.Estimate));
    }

    [Fact]
    public void AResultsFileWithoutALeaderboardIsAClearError()
    {
        using var directory = new TempDirectory();

        var missing = Assert.Throws<InvalidDataException>(() => Leaderboard.ReadResults(directory.Write("a.json", "{\"TOP_K\": 10}")));
        var empty = Assert.Throws<InvalidDataException>(() => Leaderboard.ReadResults(directory.Write("b.json", "{\"Leaderboard\": []}")));
        var broken = Assert.Throws<InvalidDataException>(() => Leaderboard.ReadResults(directory.Write("c.json", "{\"Leaderboard\": [{\"Model\": 3}]}")));

        Assert.Contains("a.json has no \"Leaderboard\" array", missing.Message, StringComparison.Ordinal);
        Assert.Contains("b.json", empty.Message, StringComparison.Ordinal);
        Assert.Contains("c.json", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithModelNameRenamesOnlyTheLabel()
    {
        var (train, test, _) = EvaluationTestData.Build();
        var result = Evaluator.Evaluate(FitRandom(train), train, test, EvaluationOptions.Default with { Bootstrap = new BootstrapOptions { Resamples = 10 } });

        var renamed = result.WithModelName("Short");

        Assert.Equal("Short", renamed.ModelName);
        Assert.Equal(result.Ndcg, renamed.Ndcg);
        Assert.Same(result.Recommendations, renamed.Recommendations);
        Assert.Throws<ArgumentException>(() => result.WithModelName(""));
    }

    private static FunctionRecommender FitRandom(MovieRec.Models.TrainingData train)
    {
        var model = FunctionRecommender.Random();
        model.Fit(train);
        return model;
    }
}
