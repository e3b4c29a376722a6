using System.Text.Json;
using MovieRec.Tests.Notebooks.Runner;

namespace MovieRec.Tests.Notebooks;

/// <summary>
/// One headless run of notebooks/02-two-tower.ipynb on ml-latest-small cut to 100 users, with two epochs of 16-d
/// vectors, 60 epochs of the EASE-distilled variant and a 200-movie map (the defaults train on every user for eight
/// and 300 epochs), shared by the tests that read
/// its outputs.
/// </summary>
public sealed class TwoTowerRun : IDisposable
{
    private readonly TempDirectory _output = new();

    public TwoTowerRun()
    {
        Run = CliRun.Notebooks(Path.Combine(RepositoryPaths.Root, "notebooks", "02-two-tower.ipynb"),
            "--param", "MAX_USERS=100", "--param", "EPOCHS=2", "--param", "EMBEDDING_DIM=16", "--param", "MAP_MOVIES=200",
            "--param", "SHOWCASE_USERS=2", "--param", "RANKING_EPOCHS=3", "--param", "DISTILL_EPOCHS=60", "--output", _output.Path);
    }

    /// <summary>The CLI run: exit code, output, time.</summary>
    public CliRun Run { get; }

    /// <summary>A file the run wrote, by name.</summary>
    public string OutputFile(string fileName) => Path.Combine(_output.Path, fileName);

    /// <summary>The recorded results (the run must have succeeded).</summary>
    public JsonElement Results()
    {
        Assert.True(Run.ExitCode == 0, Run.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(OutputFile("02-two-tower.results.json")));
        return document.RootElement.Clone();
    }

    public void Dispose() => _output.Dispose();
}

/// <summary>Notebook 02 trains the two-tower model headless, compares it with the baselines and records sane numbers.</summary>
[Collection(NotebookRunsCollection.Name)]
public sealed class TwoTowerNotebookTests(TwoTowerRun run) : IClassFixture<TwoTowerRun>
{
    [Fact]
    public void TrainsForTheOverriddenEpochsOnTheUserSample()
    {
        var root = run.Results();

        Assert.Equal("ml-latest-small", root.GetProperty("DATA_SET").GetString());
        Assert.Equal(100, root.GetProperty("Users").GetInt32());
        Assert.Equal(16, root.GetProperty("EMBEDDING_DIM").GetInt32());
        var train = root.GetProperty("TrainRatings").GetInt32();
        var test = root.GetProperty("TestRatings").GetInt32();
        Assert.Equal(root.GetProperty("Ratings").GetInt32(), train + test);
        Assert.InRange((double)test / (train + test), 0.23, 0.27);
        Assert.Equal(100, root.GetProperty("EvaluatedUsers").GetInt32());

        Assert.Equal(2, root.GetProperty("EpochsRun").GetInt32()); // early stopping waits three epochs, so both run
        Assert.Equal(2, root.GetProperty("ProgressLines").GetInt32()); // one progress line per epoch
        Assert.InRange(root.GetProperty("BestEpoch").GetInt32(), 1, 2);
        Assert.Equal("recall@20", root.GetProperty("ValidationMetric").GetString());
        Assert.InRange(root.GetProperty("BestValidationValue").GetDouble(), 0.0, 1.0);
        Assert.True(root.GetProperty("LastLoss").GetDouble() < root.GetProperty("FirstLoss").GetDouble(), "the loss falls from epoch 1 to 2");
        Assert.True(root.GetProperty("FitSeconds").GetDouble() > 0);
    }

    [Fact]
    public void MetricsAreSaneAndTheModelsRankAsExpected()
    {
        var root = run.Results();
        foreach (var key in new[] { "TwoTowerNdcg", "TwoTowerRecall", "PopularityNdcg", "PopularityRecall", "EaseNdcg", "EaseRecall", "TwoTowerCoverage" })
        {
            Assert.InRange(root.GetProperty(key).GetDouble(), 0.0, 1.0);
        }

        var twoTower = root.GetProperty("TwoTowerNdcg").GetDouble();
        var popularity = root.GetProperty("PopularityNdcg").GetDouble();
        var ease = root.GetProperty("EaseNdcg").GetDouble();
        Assert.InRange(twoTower, root.GetProperty("TwoTowerNdcgLow").GetDouble(), root.GetProperty("TwoTowerNdcgHigh").GetDouble());
        Assert.True(ease > popularity, $"EASE {ease} should beat popularity {popularity}");
        // Two epochs on 100 users are not enough to pass popularity (measured 0.082 vs 0.183 with the log-Q weight 2
        // default, 0.137 with the earlier weight 1; training is deterministic for the seed), but the model has learned:
        // a random list scores about 0.01 here. The default run (all users, eight epochs) is far above popularity
        // (docs/notebooks.md).
        Assert.True(twoTower > 0.04, $"two-tower {twoTower} vs popularity {popularity}: not above four times a random list");
    }

    [Fact]
    public void TheEaseDistilledTwoTowerTrainsAndIsEvaluatedBesideAls()
    {
        var root = run.Results();

        Assert.Equal(60, root.GetProperty("DISTILL_EPOCHS").GetInt32());
        Assert.Equal(60, root.GetProperty("DistilledEpochsRun").GetInt32()); // a fixed schedule: no carve-out, no early stop
        Assert.Equal(60, root.GetProperty("DistilledProgressLines").GetInt32()); // every report kept, though only some printed
        Assert.True(root.GetProperty("DistilledLastLoss").GetDouble() < root.GetProperty("DistilledFirstLoss").GetDouble(), "the gap to the teacher shrinks");
        Assert.True(root.GetProperty("DistilledFitSeconds").GetDouble() > 0);
        var distilled = root.GetProperty("DistilledNdcg").GetDouble();
        var popularity = root.GetProperty("PopularityNdcg").GetDouble();
        Assert.InRange(root.GetProperty("DistilledRecall").GetDouble(), 0.0, 1.0);
        Assert.InRange(root.GetProperty("AlsNdcg").GetDouble(), 0.0, 1.0);
        // Measured 0.257 against popularity's 0.183 on these 100 users after 60 epochs (the default two-tower's two
        // epochs give 0.083 here); the full run (610 users, 300 epochs) scores 0.385.
        Assert.True(distilled > popularity, $"EASE-distilled two-tower {distilled} should beat popularity {popularity}");
    }

    [Fact]
    public void ShowsListsNeighboursTheMapAndExactRetrieval()
    {
        var root = run.Results();

        Assert.Equal(2, root.GetProperty("ShowcaseUsers").GetArrayLength());
        Assert.Equal(2 * 10, root.GetProperty("ShowcaseRows").GetInt32());
        var queries = root.GetProperty("SimilarQueries").EnumerateArray().Select(q => q.GetString()!).ToArray();
        Assert.Equal(["Toy Story (1995)", "Matrix, The (1999)", "Silence of the Lambs, The (1991)", "Pulp Fiction (1994)"], queries);
        var neighbours = root.GetProperty("FirstNeighbours").EnumerateArray().Select(n => n.GetString()!).ToArray();
        Assert.Equal(queries.Length, neighbours.Length);
        Assert.All(neighbours, n => Assert.DoesNotContain("not in", n, StringComparison.Ordinal));
        Assert.DoesNotContain(neighbours, n => queries.Contains(n)); // a movie is not its own neighbour

        Assert.Equal(200, root.GetProperty("MapMovies").GetInt32());
        Assert.InRange(root.GetProperty("MapGenres").GetInt32(), 5, 20);
        Assert.InRange(root.GetProperty("MapExplainedVariance").GetDouble(), 0.0, 1.0);

        Assert.Equal(100, root.GetProperty("ExactRetrievalUsers").GetInt32());
        Assert.True(root.GetProperty("ExactRetrievalSeconds").GetDouble() < 5, "exact retrieval for 100 users is quick");
        Assert.True(root.GetProperty("ExactAgreement").GetDouble() > 0.99, "the torch scan and the model's Recommend agree");

        // On a few thousand movies the HNSW index with ef 128 should find nearly all of the exact top 10.
        Assert.InRange(root.GetProperty("ApproximateRecall").GetDouble(), 0.95, 1.0);
        Assert.True(root.GetProperty("ApproximateSpeedup").GetDouble() > 0);

        // Three epochs of the ranking model already predict far better than a constant (RMSE ≈ 1.0 on this data).
        Assert.InRange(root.GetProperty("RankingRmse").GetDouble(), 0.5, 1.05);
        Assert.InRange(root.GetProperty("RankingMae").GetDouble(), 0.3, root.GetProperty("RankingRmse").GetDouble());
        foreach (var key in new[] { "TwoStageNdcg", "BlendedNdcg" })
        {
            Assert.InRange(root.GetProperty(key).GetDouble(), 0.0, 1.0);
        }

        // The cold-start user rated four animated films: a full list that leaves them out.
        Assert.Equal(10, root.GetProperty("ColdStartRows").GetInt32());
        var coldTitles = root.GetProperty("ColdStartTitles").EnumerateArray().Select(t => t.GetString()).ToArray();
        Assert.DoesNotContain("Toy Story (1995)", coldTitles);
        Assert.DoesNotContain("Finding Nemo (2003)", coldTitles);
        Assert.True(root.GetProperty("ColdStartAnimation").GetInt32() >= 1, string.Join("; ", coldTitles));
    }

    [Fact]
    public void ThePageShowsProgressChartsAndTables()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var html = File.ReadAllText(run.OutputFile("02-two-tower.html"));

        // Loss, validation curves, NDCG bars, distilled loss, distillation bars, embedding map, two-stage bars.
        Assert.Equal(7, CountOf(html, "Plotly chart will be drawn inside this DIV"));
        Assert.True(CountOf(html, "<table") >= 8, "tables: epochs, metrics, showcase, neighbours, exact timings, approximate timings, two-stage, cold start");
        Assert.Contains("epoch 1/2 loss", html, StringComparison.Ordinal); // the progress lines under the training cell
        Assert.Contains("epoch 2/2 loss", html, StringComparison.Ordinal);
        Assert.Contains("distilled epoch 50/60 loss", html, StringComparison.Ordinal); // PrintEvery = 25 prints 1, 25, 50 and 60
        Assert.DoesNotContain("distilled epoch 49/60 loss", html, StringComparison.Ordinal);
        Assert.Contains("Two-tower movie vectors, 200 most-rated movies", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
