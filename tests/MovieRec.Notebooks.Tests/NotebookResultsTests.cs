using System.Text.Json;
using MovieRec.Notebooks;

namespace MovieRec.Tests.Notebooks;

/// <summary>Results are written where the runner asks, atomically, as JSON tests can read back.</summary>
[Collection(NotebookRunsCollection.Name)] // changes a process-wide environment variable
public sealed class NotebookResultsTests
{
    [Fact]
    public void RecordWritesJsonToThePathInTheEnvironmentAndReturnsIt()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "out", "01-demo.results.json");
        var previous = Environment.GetEnvironmentVariable(NotebookResults.PathVariable);
        Environment.SetEnvironmentVariable(NotebookResults.PathVariable, path);
        try
        {
            var json = NotebookResults.Record("01-demo", new { TOP_K = 10, Ndcg = 0.25, Models = new[] { "EASE", "ALS" }, Missing = double.NaN });

            Assert.Equal(json + "\n", File.ReadAllText(path));
            Assert.Equal(path, NotebookResults.LastPath);
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions());
            Assert.Equal(10, document.RootElement.GetProperty("TOP_K").GetInt32());
            Assert.Equal(0.25, document.RootElement.GetProperty("Ndcg").GetDouble());
            Assert.Equal("NaN", document.RootElement.GetProperty("Missing").GetString());
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left behind
        }
        finally
        {
            Environment.SetEnvironmentVariable(NotebookResults.PathVariable, previous);
        }
    }

    [Fact]
    public void WithoutTheVariableResultsGoUnderTheRepositoryArtifacts()
    {
        var previous = Environment.GetEnvironmentVariable(NotebookResults.PathVariable);
        Environment.SetEnvironmentVariable(NotebookResults.PathVariable, null);
        try
        {
            var path = NotebookResults.ResolvePath("02-two-tower");

            Assert.Equal(Path.Combine(RepositoryPaths.Root, "artifacts", "results", "02-two-tower.json"), path);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NotebookResults.PathVariable, previous);
        }
    }

    [Fact]
    public void RecordRejectsANameThatIsNotAFileName()
    {
        var error = Assert.Throws<ArgumentException>(() => NotebookResults.Record("a/b", new { X = 1 }));

        Assert.Equal("notebookName", error.ParamName);
    }
}
