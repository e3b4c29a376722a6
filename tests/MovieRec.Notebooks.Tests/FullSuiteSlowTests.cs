using System.Text.Json;
using MovieRec.Tests.Notebooks.Runner;
using Xunit.Abstractions;

namespace MovieRec.Tests.Notebooks;

/// <summary>
/// The main command as the README runs it — every numbered notebook, default parameters, ml-latest-small — once, into a
/// temporary folder. Minutes of training: only in the opt-in slow tier.
/// </summary>
public sealed class FullSuiteRun : IDisposable
{
    private readonly TempDirectory _output = new();

    public FullSuiteRun()
    {
        Run = CliRun.Notebooks(TimeSpan.FromMinutes(120), "--cell-timeout", "60", "--output", _output.Path);
    }

    /// <summary>The CLI run: exit code, output, time.</summary>
    public CliRun Run { get; }

    /// <summary>A file the run wrote, by name.</summary>
    public string OutputFile(string fileName) => Path.Combine(_output.Path, fileName);

    public void Dispose() => _output.Dispose();
}

/// <summary>
/// Slow tier (<c>dotnet test MovieRec.Lib.sln -c Release --filter Category=Slow</c>): the full notebook suite with default
/// parameters reaches the quality the earlier issues set, within a small tolerance, on the standard protocol.
/// </summary>
[Collection(NotebookRunsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class FullSuiteSlowTests(FullSuiteRun run, ITestOutputHelper output) : IClassFixture<FullSuiteRun>
{
    private static readonly string[] RatingModels = ["BiasBaseline", "MatrixFactorizationNN", "Cfnn", "RankingModel"];

    private static readonly string[] ComposedModels = ["TwoStage", "TwoStageBlend"];

    [Fact]
    public void MainCommandRunsEveryNotebookAndPrintsTheLeaderboard()
    {
        output.WriteLine(run.Run.ToString()); // per-notebook and per-cell times, and the leaderboard, in the test log
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());

        var numbered = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "notebooks"), "??-*.ipynb").Select(Path.GetFileNameWithoutExtension).ToArray();
        Assert.Contains("04-evaluation", numbered);
        Assert.All(numbered, name => Assert.True(File.Exists(run.OutputFile(name + ".html")), $"{name}.html is missing"));
        Assert.Contains("Leaderboard (04-evaluation, 610 users, top-10", run.Run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void LeaderboardReachesTheBaselineAndRatingTargets()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var root = LeaderboardResults.Root(run.OutputFile("04-evaluation.results.json"));
        var rows = LeaderboardResults.Rows(root);

        LeaderboardResults.AssertSane(root, [.. rows.Keys], RatingModels, ComposedModels);
        Assert.Equal(610, root.GetProperty("Users").GetInt32());
        Assert.InRange(Ndcg(rows["Popularity"]), 0.20, 0.22);   // docs/baselines.md: 0.2089
        Assert.True(Ndcg(rows["ItemKnn"]) >= 0.33, "ItemKnn NDCG@10 ≥ 0.33");
        Assert.True(Ndcg(rows["Ease"]) >= 0.39, "Ease NDCG@10 ≥ 0.39");
        Assert.True(Ndcg(rows["ImplicitAls"]) >= 0.35, "ImplicitAls NDCG@10 ≥ 0.35 (measured 0.366)");
        Assert.True(Rmse(rows["BiasBaseline"]) <= 0.89, "BiasBaseline RMSE ≤ 0.89");
        Assert.True(Rmse(rows["MatrixFactorizationNN"]) <= 0.88, "MatrixFactorizationNN RMSE ≤ 0.88");
        Assert.True(Rmse(rows["Cfnn"]) <= 0.88, "Cfnn RMSE ≤ 0.88");
        Assert.True(Rmse(rows["RankingModel"]) <= 0.87, "RankingModel RMSE ≤ 0.87 (measured 0.856)");
        // Below their issue targets so far (docs/two-tower.md, docs/alternative-models.md): regression bars under the measured values.
        Assert.True(Ndcg(rows["TwoTower"]) >= 0.33, "TwoTower NDCG@10 ≥ 0.33 (measured 0.340-0.341; the default alone does not reach the target 0.37)");
        Assert.True(Ndcg(rows["TwoTowerDistilled"]) >= 0.37, "TwoTowerDistilled NDCG@10 ≥ 0.37, the issue's target (measured 0.385)");
        Assert.True(Ndcg(rows["TwoTowerDistilled"]) > Ndcg(rows["ImplicitAls"]), "TwoTowerDistilled above ImplicitAls, the issue's target");
        Assert.True(Ndcg(rows["DeepNcf"]) >= 0.34, "DeepNcf NDCG@10 ≥ 0.34 (measured 0.360 in session 6; the target, above item-kNN 0.370, is not reached yet)");
        var paired = root.GetProperty("PairedComparisons")[0];
        Assert.Equal("Ndcg@10", paired.GetProperty("Metric").GetString());
    }

    [Fact]
    public void AlternativeModelsNotebookAgreesWithTheLeaderboard()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var alternative = LeaderboardResults.Rows(LeaderboardResults.Root(run.OutputFile("03-alternative-models.results.json")));
        var leaderboard = LeaderboardResults.Rows(LeaderboardResults.Root(run.OutputFile("04-evaluation.results.json")));

        Assert.True(Rmse(alternative["MatrixFactorizationNN"]) <= 0.88, "MatrixFactorizationNN RMSE ≤ 0.88");
        Assert.True(Rmse(alternative["Cfnn"]) <= 0.88, "Cfnn RMSE ≤ 0.88");
        // Issue 6: on leave-last-one-out the transformer's HR@10 is at least 1.3 × popularity's (measured 1.8 ×).
        var sequential = LeaderboardResults.Root(run.OutputFile("03-alternative-models.results.json")).GetProperty("Sequential")
            .EnumerateArray().ToDictionary(r => r.GetProperty("Model").GetString()!, r => r.GetProperty("HitRate").GetDouble());
        Assert.True(sequential["Transformer"] >= 1.3 * sequential["Popularity"], $"Transformer HR@10 {sequential["Transformer"]} vs popularity {sequential["Popularity"]}");
        // Same protocol, seeds and defaults: the deterministic baselines score the same in both notebooks.
        Assert.Equal(Ndcg(leaderboard["Ease"]), Ndcg(alternative["Ease"]), 6);
        Assert.Equal(Ndcg(leaderboard["Popularity"]), Ndcg(alternative["Popularity"]), 6);
    }

    private static double Ndcg(JsonElement row) => LeaderboardResults.Estimate(row, "Ndcg");

    private static double Rmse(JsonElement row) => LeaderboardResults.Estimate(row, "Rmse");
}
