using System.Text.Json;

namespace MovieRec.Tests.Notebooks;

/// <summary>Reads the "Leaderboard" a notebook recorded and checks what every leaderboard must satisfy.</summary>
internal static class LeaderboardResults
{
    /// <summary>The results file's root element (the document stays alive with the returned clone).</summary>
    public static JsonElement Root(string resultsPath) => JsonDocument.Parse(File.ReadAllText(resultsPath)).RootElement.Clone();

    /// <summary>The leaderboard rows by model label.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Rows(JsonElement root) =>
        root.GetProperty("Leaderboard").EnumerateArray().ToDictionary(r => r.GetProperty("Model").GetString()!);

    /// <summary>
    /// Every model is present once; every ranking metric, coverage and diversity lies in [0, 1]; every interval contains
    /// its estimate; rating models (and only they) have RMSE/MAE; models assembled from fitted ones have no fit time; Popularity scores below the best model on NDCG.
    /// </summary>
    public static void AssertSane(
        JsonElement root, IReadOnlyCollection<string> models, IReadOnlyCollection<string> ratingModels, IReadOnlyCollection<string>? composedModels = null)
    {
        composedModels ??= [];
        var rows = Rows(root);
        Assert.Equal(models.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (model, row) in rows)
        {
            foreach (var metric in new[] { "Precision", "Recall", "Ndcg", "Map", "HitRate", "Mrr" })
            {
                AssertInterval(model, metric, row.GetProperty(metric), 0, 1);
            }

            Assert.InRange(row.GetProperty("Coverage").GetDouble(), 0, 1);
            AssertInterval(model, "Diversity", row.GetProperty("Diversity"), 0, 1);
            AssertInterval(model, "Novelty", row.GetProperty("Novelty"), 0, 64);
            if (composedModels.Contains(model))
            {
                Assert.Equal(JsonValueKind.Null, row.GetProperty("FitSeconds").ValueKind); // assembled from fitted models
            }
            else
            {
                Assert.True(row.GetProperty("FitSeconds").GetDouble() >= 0, $"{model}: fit time");
            }

            Assert.True(row.GetProperty("RecommendSeconds").GetDouble() >= 0, $"{model}: recommend time");
            if (ratingModels.Contains(model))
            {
                AssertInterval(model, "Rmse", row.GetProperty("Rmse"), 0, 4.5);
                AssertInterval(model, "Mae", row.GetProperty("Mae"), 0, 4.5);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, row.GetProperty("Rmse").ValueKind);
            }
        }

        var best = rows.Values.Max(r => Estimate(r, "Ndcg"));
        Assert.True(Estimate(rows["Popularity"], "Ndcg") < best, "Popularity must score below the best model.");
    }

    /// <summary>The point estimate of a row's metric.</summary>
    public static double Estimate(JsonElement row, string metric) => row.GetProperty(metric).GetProperty("Estimate").GetDouble();

    private static void AssertInterval(string model, string metric, JsonElement interval, double minimum, double maximum)
    {
        Assert.True(interval.ValueKind == JsonValueKind.Object, $"{model}: {metric} is missing.");
        var estimate = interval.GetProperty("Estimate").GetDouble();
        var lower = interval.GetProperty("Lower").GetDouble();
        var upper = interval.GetProperty("Upper").GetDouble();
        Assert.True(lower <= estimate && estimate <= upper, $"{model}: {metric} interval [{lower}, {upper}] does not contain {estimate}.");
        Assert.True(minimum <= lower && upper <= maximum, $"{model}: {metric} [{lower}, {upper}] is outside [{minimum}, {maximum}].");
        Assert.Equal(0.95, interval.GetProperty("Level").GetDouble());
    }
}
