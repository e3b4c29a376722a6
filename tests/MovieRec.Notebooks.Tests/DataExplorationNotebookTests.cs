using System.Text.Json;
using MovieRec.Tests.Notebooks.Runner;

namespace MovieRec.Tests.Notebooks;

/// <summary>
/// One headless run of notebooks/01-data-exploration.ipynb on its default data (ml-latest-small, found beside the
/// repository) with short top lists, shared by the tests that read its outputs.
/// </summary>
public sealed class DataExplorationRun : IDisposable
{
    private readonly TempDirectory _output = new();

    public DataExplorationRun()
    {
        Run = CliRun.Notebooks(Path.Combine(RepositoryPaths.Root, "notebooks", "01-data-exploration.ipynb"),
            "--param", "TOP_N=5", "--output", _output.Path);
    }

    /// <summary>The CLI run: exit code, output, time.</summary>
    public CliRun Run { get; }

    /// <summary>A file the run wrote, by name.</summary>
    public string OutputFile(string fileName) => Path.Combine(_output.Path, fileName);

    public void Dispose() => _output.Dispose();
}

/// <summary>Notebook 01 runs headless and records the known numbers of ml-latest-small.</summary>
[Collection(NotebookRunsCollection.Name)]
public sealed class DataExplorationNotebookTests(DataExplorationRun run) : IClassFixture<DataExplorationRun>
{
    [Fact]
    public void RecordsTheHeadlineNumbersOfMlLatestSmall()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        using var results = JsonDocument.Parse(File.ReadAllText(run.OutputFile("01-data-exploration.results.json")));
        var root = results.RootElement;

        Assert.Equal("ml-latest-small", root.GetProperty("DATA_SET").GetString());
        Assert.Equal(610, root.GetProperty("Users").GetInt32());
        Assert.Equal(9_742, root.GetProperty("Movies").GetInt32());
        Assert.Equal(9_724, root.GetProperty("RatedMovies").GetInt32());
        Assert.Equal(100_836, root.GetProperty("Ratings").GetInt32());
        Assert.Equal(3_683, root.GetProperty("Tags").GetInt32());
        Assert.Equal(0.017, root.GetProperty("Density").GetDouble(), 4);    // 100,836 / (610 × 9,724)
        Assert.Equal(3.5016, root.GetProperty("MeanRating").GetDouble(), 4);
        Assert.Equal(4.0, root.GetProperty("ModeRating").GetDouble());
        Assert.Equal(70.5, root.GetProperty("MedianRatingsPerUser").GetDouble());
        Assert.Equal(3.0, root.GetProperty("MedianRatingsPerMovie").GetDouble());
        Assert.InRange(root.GetProperty("MovieTopTenPercentShare").GetDouble(), 0.59, 0.61); // the long tail: about 60%
        Assert.InRange(root.GetProperty("MovieGini").GetDouble(), 0.6, 0.8);
        Assert.Equal("Drama", root.GetProperty("TopGenre").GetString());
        Assert.Equal(1996, root.GetProperty("FirstYear").GetInt32());
        Assert.Equal(2018, root.GetProperty("LastYear").GetInt32());
        Assert.Equal("Forrest Gump (1994)", root.GetProperty("MostRatedMovie").GetString());
        Assert.Equal("Shawshank Redemption, The (1994)", root.GetProperty("BestRatedMovie").GetString());
        Assert.Equal(5, root.GetProperty("TopTags").GetArrayLength()); // TOP_N was overridden
        Assert.Equal("in netflix queue", root.GetProperty("TopTags")[0].GetString());
        Assert.Equal(58, root.GetProperty("TaggingUsers").GetInt32());
    }

    [Fact]
    public void RecordsTheStandardSplit()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        using var results = JsonDocument.Parse(File.ReadAllText(run.OutputFile("01-data-exploration.results.json")));
        var root = results.RootElement;

        var train = root.GetProperty("TrainRatings").GetInt32();
        var test = root.GetProperty("TestRatings").GetInt32();
        Assert.Equal(100_836, train + test);
        Assert.InRange((double)test / (train + test), 0.24, 0.26);
        Assert.Equal(0, root.GetProperty("TestUsersNotInTrain").GetInt32()); // every test user has a history
        Assert.True(root.GetProperty("ColdTestMovies").GetInt32() > 0, "some test movies never occur in train");
    }

    [Fact]
    public void ThePageShowsEveryChartAndTable()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.ToString());
        var html = File.ReadAllText(run.OutputFile("01-data-exploration.html"));

        // Ratings per star, two log-log tails, movies and mean rating per genre, ratings per year, means over time, split shares.
        Assert.Equal(8, CountOf(html, "Plotly chart will be drawn inside this DIV"));
        Assert.True(CountOf(html, "<table") >= 10, "a table per summary, genre, year, top list and tag step");
        Assert.Contains("Ratings per movie (log-log)", html, StringComparison.Ordinal);
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
