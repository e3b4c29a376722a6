using System.Text.Json;
using MovieRec.Tests.Notebooks.Runner;

namespace MovieRec.Tests.Notebooks;

/// <summary>
/// One quick headless run of notebooks/04-evaluation.ipynb on ml-latest-small: 100 sampled users, one or two epochs per
/// neural model and a K sweep to 20. Checks that every model reaches the leaderboard with sane numbers and that the
/// command prints it.
/// </summary>
public sealed class EvaluationRun : IDisposable
{
    private readonly TempDirectory _output = new();

    public EvaluationRun()
    {
        Run = CliRun.Notebooks(TimeSpan.FromMinutes(10), Path.Combine(RepositoryPaths.Root, "notebooks", "04-evaluation.ipynb"),
            "--param", "USER_SAMPLE=100", "--param", "EPOCHS=2", "--param", "NCF_EPOCHS=1", "--param", "TWO_TOWER_EPOCHS=1", "--param", "TRANSFORMER_EPOCHS=1",
            "--param", "DISTILL_EPOCHS=20", "--param", "MAX_K=20", "--output", _output.Path);
    }

    /// <summary>The CLI run: exit code, output, time.</summary>
    public CliRun Run { get; }

    /// <summary>A file the run wrote, by name.</summary>
    public string OutputFile(string fileName) => Path.Combine(_output.Path, fileName);

    public void Dispose() => _output.Dispose();
}

/// <summary>Notebook 04 puts every model on one leaderboard with intervals, sweeps, subgroups and a paired test.</summary>
[Collection(NotebookRunsCollection.Name)]
public sealed class EvaluationNotebookTests(EvaluationRun run) : IClassFixture<EvaluationRun>
{
    private static readonly string[] Models =
        ["Popularity", "BiasBaseline", "ItemKnn", "Ease", "ImplicitAls", "TwoTower", "TwoTowerDistilled", "MatrixFactorizationNN", "DeepNcf", "Cfnn",
         "Transformer", "RankingModel", "TwoStage", "TwoStageBlend"];

    [Fact]
    public void RecordsASaneLeaderboardWithEveryModel()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var root = LeaderboardResults.Root(run.OutputFile("04-evaluation.results.json"));

        Assert.Equal(Models, root.GetProperty("Models").EnumerateArray().Select(m => m.GetString()));
        LeaderboardResults.AssertSane(root, Models, ratingModels: ["BiasBaseline", "MatrixFactorizationNN", "Cfnn", "RankingModel"],
            composedModels: ["TwoStage", "TwoStageBlend"]);
        var rows = root.GetProperty("Leaderboard").EnumerateArray().Select(r => LeaderboardResults.Estimate(r, "Ndcg")).ToArray();
        Assert.Equal(rows.OrderDescending(), rows); // best NDCG first
        Assert.Equal(root.GetProperty("Leaderboard")[0].GetProperty("Model").GetString(), root.GetProperty("BestModel").GetString());
    }

    [Fact]
    public void RecordsTheSweepSubgroupsAndThePairedComparison()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var root = LeaderboardResults.Root(run.OutputFile("04-evaluation.results.json"));

        var ease = root.GetProperty("KSweep").GetProperty("Ease");
        Assert.Equal(Enumerable.Range(1, 20), ease.GetProperty("K").EnumerateArray().Select(k => k.GetInt32()));
        var recall = ease.GetProperty("Recall").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(recall.Order(), recall); // recall can only grow with K
        var groups = root.GetProperty("ByUserActivity").GetProperty("TwoTower").EnumerateArray().ToArray();
        Assert.Equal(["light", "medium", "heavy"], groups.Select(g => g.GetProperty("Group").GetString()));
        Assert.Equal(100, groups.Sum(g => g.GetProperty("Users").GetInt32()));
        var head = root.GetProperty("ByItemPopularity").GetProperty("Popularity").GetProperty("HeadRecommendationShare").GetDouble();
        Assert.Equal(1.0, head); // Popularity recommends only head movies
        var paired = root.GetProperty("PairedComparisons").EnumerateArray().ToArray();
        Assert.Equal(["Ndcg@10", "Precision@10", "Recall@10"], paired.Select(p => p.GetProperty("Metric").GetString()));
        Assert.All(paired, p =>
        {
            Assert.Equal("TwoTower", p.GetProperty("ModelA").GetString());
            Assert.Equal(root.GetProperty("BestBaseline").GetString(), p.GetProperty("ModelB").GetString());
            Assert.InRange(p.GetProperty("PValue").GetDouble(), 1e-5, 1.0);
            var difference = p.GetProperty("Difference");
            Assert.Equal(p.GetProperty("MeanA").GetDouble() - p.GetProperty("MeanB").GetDouble(), difference.GetProperty("Estimate").GetDouble(), 9);
        });
    }

    [Fact]
    public void TheCommandPrintsTheLeaderboardAndThePageHasEveryChart()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());

        Assert.Contains("Leaderboard (04-evaluation, 100 users, top-10", run.Run.StandardOutput, StringComparison.Ordinal);
        var table = run.Run.StandardOutput[run.Run.StandardOutput.IndexOf("Leaderboard (", StringComparison.Ordinal)..];
        Assert.All(Models, m => Assert.Contains(m + " ", table, StringComparison.Ordinal));
        var html = File.ReadAllText(run.OutputFile("04-evaluation.html"));
        // NDCG, all ranking metrics, coverage, novelty, diversity, rating error, time, three K curves, activity, head/tail, paired.
        Assert.Equal(13, AlternativeModelsNotebookTests.HtmlCount(html, "Plotly chart will be drawn inside this DIV"));
        Assert.Contains("Which model to use when", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
    }
}
