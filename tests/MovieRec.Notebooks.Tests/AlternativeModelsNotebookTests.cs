using System.Text.Json;
using MovieRec.Tests.Notebooks.Runner;

namespace MovieRec.Tests.Notebooks;

/// <summary>
/// One quick headless run of notebooks/03-alternative-models.ipynb on ml-latest-small: a seeded sample of 100 users and one
/// or two epochs per neural model, so the run checks the plumbing (every model trained, evaluated and recorded), not quality.
/// </summary>
public sealed class AlternativeModelsRun : IDisposable
{
    private readonly TempDirectory _output = new();

    public AlternativeModelsRun()
    {
        Run = CliRun.Notebooks(TimeSpan.FromMinutes(10), Path.Combine(RepositoryPaths.Root, "notebooks", "03-alternative-models.ipynb"),
            "--param", "USER_SAMPLE=100", "--param", "EPOCHS=2", "--param", "NCF_EPOCHS=1", "--param", "TWO_TOWER_EPOCHS=1",
            "--param", "TRANSFORMER_EPOCHS=2",
            "--output", _output.Path);
    }

    /// <summary>The CLI run: exit code, output, time.</summary>
    public CliRun Run { get; }

    /// <summary>A file the run wrote, by name.</summary>
    public string OutputFile(string fileName) => Path.Combine(_output.Path, fileName);

    public void Dispose() => _output.Dispose();
}

/// <summary>Notebook 03 trains the neural alternatives, shows their curves and records one leaderboard with the baselines.</summary>
[Collection(NotebookRunsCollection.Name)]
public sealed class AlternativeModelsNotebookTests(AlternativeModelsRun run) : IClassFixture<AlternativeModelsRun>
{
    private static readonly string[] Models =
        ["MatrixFactorizationNN", "Cfnn", "DeepNcf", "TwoTower", "Transformer", "Popularity", "BiasBaseline", "ItemKnn", "Ease", "ImplicitAls"];

    [Fact]
    public void RecordsASaneLeaderboardWithEveryModel()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var root = LeaderboardResults.Root(run.OutputFile("03-alternative-models.results.json"));

        Assert.Equal(100, root.GetProperty("Users").GetInt32());
        LeaderboardResults.AssertSane(root, Models, ratingModels: ["MatrixFactorizationNN", "Cfnn", "BiasBaseline"]);
    }

    [Fact]
    public void RecordsTheTrainingCurvesWithTheOverriddenEpochs()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var root = LeaderboardResults.Root(run.OutputFile("03-alternative-models.results.json"));

        var training = root.GetProperty("Training").EnumerateArray().ToDictionary(t => t.GetProperty("Model").GetString()!);
        Assert.Equal(5, training.Count);
        Assert.Equal(2, training["MatrixFactorizationNN (rating split)"].GetProperty("EpochsRun").GetInt32());
        Assert.Equal(2, training["Cfnn (rating split)"].GetProperty("EpochsRun").GetInt32());
        Assert.Equal(1, training["DeepNcf"].GetProperty("EpochsRun").GetInt32());
        Assert.Equal(1, training["TwoTower"].GetProperty("EpochsRun").GetInt32());
        Assert.Equal(2, training["Transformer"].GetProperty("EpochsRun").GetInt32()); // early stopping waits longer than two epochs
        Assert.All(training.Values, t => Assert.All(t.GetProperty("Losses").EnumerateArray(), l => Assert.True(double.IsFinite(l.GetDouble()))));
        Assert.Equal("negative-rmse", training["Cfnn (rating split)"].GetProperty("PrimaryMetric").GetString());
    }

    [Fact]
    public void RecordsTheLeaveLastOneOutComparison()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var root = LeaderboardResults.Root(run.OutputFile("03-alternative-models.results.json"));

        var sequential = root.GetProperty("Sequential").EnumerateArray().ToDictionary(t => t.GetProperty("Model").GetString()!);
        Assert.Equal(["ItemKnn", "Popularity", "Transformer"], sequential.Keys.Order(StringComparer.Ordinal));
        foreach (var row in sequential.Values)
        {
            Assert.Equal(100, row.GetProperty("Users").GetInt32());            // one held-out movie for each sampled user
            Assert.InRange(row.GetProperty("HitRate").GetDouble(), 0.0, 1.0);
            Assert.InRange(row.GetProperty("Ndcg").GetDouble(), 0.0, row.GetProperty("HitRate").GetDouble()); // one relevant movie: NDCG ≤ HR
        }
    }

    [Fact]
    public void ThePageShowsTheCurvesTablesAndComparisonCharts()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var html = File.ReadAllText(run.OutputFile("03-alternative-models.html"));

        // Four training-curve charts, the rating-error chart, the top-10 comparison chart and the leave-last-one-out chart.
        Assert.Equal(7, HtmlCount(html, "Plotly chart will be drawn inside this DIV"));
        Assert.Contains("MatrixFactorizationNN and CFNN: training loss and validation RMSE", html, StringComparison.Ordinal);
        Assert.True(HtmlCount(html, "<table") >= 5, "fit times, training summary, rating errors, the leaderboard and leave-last-one-out");
        Assert.Contains("Leave-last-one-out: HR@10", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
    }

    internal static int HtmlCount(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
