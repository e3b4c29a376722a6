using System.Text.Json;
using System.Text.Json.Nodes;

namespace MovieRec.Tests.Notebooks.Runner;

/// <summary>
/// The headless runner end to end, through the <c>movierec notebooks</c> command: parameters, recorded results,
/// executed notebooks, offline HTML, and failures that name the cell.
/// </summary>
[Collection(NotebookRunsCollection.Name)]
public sealed class NotebookRunnerTests(PassingRun template) : IClassFixture<PassingRun>
{
    [Fact]
    public void TemplateRunsHeadlessWithOverriddenParametersAndRecordsResults()
    {
        Assert.True(template.Run.ExitCode == 0, template.Run.ToString());
        using var results = JsonDocument.Parse(File.ReadAllText(template.OutputFile("_template.results.json")));
        var root = results.RootElement;
        Assert.Equal(7, root.GetProperty("SEED").GetInt32());
        Assert.Equal(3, root.GetProperty("TOP_K").GetInt32());
        Assert.Equal(50 * 20, root.GetProperty("RatingCount").GetInt32());
        Assert.Equal(3, root.GetProperty("TopMovieIds").GetArrayLength());
        var meanRating = root.GetProperty("MeanRating").GetDouble();
        Assert.InRange(meanRating, 0.5, 5.0);
    }

    [Fact]
    public void TemplateRunWritesExecutedNotebookAndOfflineHtml()
    {
        Assert.True(template.Run.ExitCode == 0, template.Run.ToString());
        var notebook = JsonNode.Parse(File.ReadAllText(template.OutputFile("_template.ipynb")))!;
        var codeCells = notebook["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code").ToArray();
        Assert.All(codeCells, c => Assert.NotNull(c!["execution_count"]));
        var injected = Assert.Single(codeCells, c => c!["metadata"]!["tags"]?.AsArray().Any(t => t!.GetValue<string>() == "injected-parameters") == true);
        Assert.Contains("const int NUMBER_OF_USERS = 50;", string.Concat(injected!["source"]!.AsArray().Select(l => l!.GetValue<string>())));
        var html = File.ReadAllText(template.OutputFile("_template.html"));
        Assert.Contains("t.Plotly=e()", html, StringComparison.Ordinal); // the plotly.js bundle itself, inline
        Assert.Equal(1, CountOf(html, "t.Plotly=e()"));                   // once per page, not once per chart
        Assert.Equal(3, CountOf(html, "Plotly chart will be drawn inside this DIV")); // the three charts of the template
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<table", html, StringComparison.Ordinal);        // the DataFrame
        Assert.Contains("<h1", html, StringComparison.Ordinal);           // markdown rendered
    }

    [Fact]
    public void FailingCellStopsTheRunAndNamesNotebookAndCell()
    {
        using var output = new TempDirectory();

        var run = CliRun.Notebooks(RepositoryPaths.Fixture("failing-cell.ipynb"), "--output", output.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("notebook failing-cell, cell 3", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("deliberate failure in cell 3", run.StandardError, StringComparison.Ordinal);
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Path, "failing-cell.ipynb")))!["cells"]!.AsArray();
        Assert.Equal("error", cells[2]!["outputs"]![0]!["output_type"]!.GetValue<string>());
        Assert.Null(cells[3]!["execution_count"]);                          // cell 4 never ran
        Assert.Empty(cells[3]!["outputs"]!.AsArray());
    }

    [Fact]
    public void TorchSharpWorksInsideANotebookRunAfterAnother()
    {
        Assert.True(template.Run.ExitCode == 0, template.Run.ToString());
        var executed = File.ReadAllText(template.OutputFile("torch-cell.ipynb"));
        Assert.Contains("19 22 43 50", executed, StringComparison.Ordinal);
        Assert.True(template.Run.StandardOutput.IndexOf("notebook _template: done", StringComparison.Ordinal) <
            template.Run.StandardOutput.IndexOf("notebook torch-cell: done", StringComparison.Ordinal), "notebooks must run in the order given");
    }

    [Fact]
    public void RunnerHasTheNotebookHostsFSharpCoreSoTheTemplateProvesTheFix()
    {
        // Like VS Code, dotnet-interactive and dotnet-repl, the runner process has FSharp.Core 10.0: Plotly.NET used
        // without NotebookHost.Initialize() fails there. That is why a passing template run proves the fix works.
        using var output = new TempDirectory();

        var run = CliRun.Notebooks(RepositoryPaths.Fixture("plotly-without-host-fix.ipynb"), "--output", output.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cell 3", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("FSharp.Core, Version=10.1.0.0", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeclaredParameterIsRejectedBeforeAnyCellRuns()
    {
        using var output = new TempDirectory();

        var run = CliRun.Notebooks(RepositoryPaths.Template, "--param", "EPOCS=2", "--output", output.Path);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("EPOCS", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("TOP_K", run.StandardError, StringComparison.Ordinal); // lists what is declared
        Assert.Empty(Directory.GetFiles(output.Path));
    }

    [Fact]
    public void ParameterValueOfTheWrongTypeIsRejected()
    {
        using var output = new TempDirectory();

        var run = CliRun.Notebooks(RepositoryPaths.Template, "--param", "TOP_K=ten", "--output", output.Path);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("TOP_K", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("'ten' is not an integer", run.StandardError, StringComparison.Ordinal);
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
