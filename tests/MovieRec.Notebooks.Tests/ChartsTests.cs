using System.Text.Json;
using MovieRec.Notebooks;
using Plotly.NET;

namespace MovieRec.Tests.Notebooks;

/// <summary>Each chart helper produces the traces, titles and axes it promises (read from the plotly figure JSON).</summary>
public sealed class ChartsTests
{
    [Fact]
    public void HistogramHasOneHistogramTraceWithTitles()
    {
        var figure = Figure(Charts.Histogram([1, 2, 2, 3.5], "Ratings", "Rating", bins: 4));

        var trace = Assert.Single(Traces(figure));
        Assert.Equal("histogram", trace.GetProperty("type").GetString());
        Assert.Equal([1, 2, 2, 3.5], trace.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(4, trace.GetProperty("nbinsx").GetInt32());
        AssertTitles(figure, "Ratings", "Rating", "Count");
    }

    [Fact]
    public void HistogramRejectsNonFiniteValuesNamingTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => Charts.Histogram([1, double.NaN], "t", "x"));

        Assert.Equal("values", error.ParamName);
    }

    [Fact]
    public void BarHasOneBarPerCategoryAndSymmetricErrorBars()
    {
        var figure = Figure(Charts.Bar(["EASE", "ALS"], [0.31, 0.27], "NDCG@10 by model", "Model", "NDCG@10", errors: [0.02, 0.03]));

        var trace = Assert.Single(Traces(figure));
        Assert.Equal("bar", trace.GetProperty("type").GetString());
        Assert.Equal(["EASE", "ALS"], trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([0.31, 0.27], trace.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        var error = trace.GetProperty("error_y");
        Assert.Equal([0.02, 0.03], error.GetProperty("array").EnumerateArray().Select(v => v.GetDouble()));
        Assert.True(error.GetProperty("symmetric").GetBoolean());
        AssertTitles(figure, "NDCG@10 by model", "Model", "NDCG@10");
    }

    [Fact]
    public void BarWithoutErrorsHasNoErrorBars()
    {
        var trace = Assert.Single(Traces(Figure(Charts.Bar(["a"], [1.0], "t", "x", "y"))));

        Assert.False(trace.TryGetProperty("error_y", out _));
    }

    [Fact]
    public void BarRejectsMismatchedLengthsAndNegativeErrors()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Charts.Bar(["a", "b"], [1.0], "t", "x", "y")).ParamName);
        Assert.Equal("errors", Assert.Throws<ArgumentException>(() => Charts.Bar(["a"], [1.0], "t", "x", "y", errors: [-0.1])).ParamName);
        Assert.Equal("categories", Assert.Throws<ArgumentException>(() => Charts.Bar(["a", "a"], [1.0, 2.0], "t", "x", "y")).ParamName);
    }

    [Fact]
    public void GroupedBarHasOneBarTracePerSeriesWithAsymmetricIntervals()
    {
        var figure = Figure(Charts.GroupedBar(["EASE", "ALS"], "Metrics", "Model", "Value",
            new BarSeries("NDCG", [0.40, 0.37], Lower: [0.38, 0.34], Upper: [0.43, 0.38]),
            new BarSeries("Recall", [0.16, 0.15])));

        var traces = Traces(figure);
        Assert.Equal(["NDCG", "Recall"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces, t => Assert.Equal("bar", t.GetProperty("type").GetString()));
        Assert.Equal(["EASE", "ALS"], traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        var error = traces[0].GetProperty("error_y");
        Assert.False(error.GetProperty("symmetric").GetBoolean());
        Assert.Equal([0.03, 0.01], error.GetProperty("array").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 10)));
        Assert.Equal([0.02, 0.03], error.GetProperty("arrayminus").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 10)));
        Assert.False(traces[1].TryGetProperty("error_y", out _));
        AssertTitles(figure, "Metrics", "Model", "Value");
    }

    [Fact]
    public void GroupedBarRejectsIntervalsThatMissTheValueAndMismatchedLengths()
    {
        var outside = Assert.Throws<ArgumentException>(() => Charts.GroupedBar(["a"], "t", "x", "y", new BarSeries("s", [0.5], [0.6], [0.7])));
        Assert.Equal("series", outside.ParamName);
        Assert.Contains("does not contain", outside.Message, StringComparison.Ordinal);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => Charts.GroupedBar(["a", "b"], "t", "x", "y", new BarSeries("s", [1.0]))).ParamName);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => Charts.GroupedBar(["a"], "t", "x", "y", new BarSeries("s", [1.0], Lower: [0.5]))).ParamName);
        Assert.Equal("categories", Assert.Throws<ArgumentException>(() => Charts.GroupedBar(["a", "a"], "t", "x", "y", new BarSeries("s", [1.0, 2.0]))).ParamName);
    }

    [Fact]
    public void LineHasOneNamedLineWithMarkersPerSeries()
    {
        var figure = Figure(Charts.Line("Training", "Epoch", "Loss",
            LineSeries.FromValues("train", [0.9, 0.5, 0.4]),
            new LineSeries("validation", [1, 2, 3], [1.0, 0.7, 0.65])));

        var traces = Traces(figure);
        Assert.Equal(2, traces.Count);
        Assert.All(traces, t => Assert.Equal("scatter", t.GetProperty("type").GetString()));
        Assert.All(traces, t => Assert.Equal("lines+markers", t.GetProperty("mode").GetString()));
        Assert.Equal(["train", "validation"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([1.0, 2, 3], traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        AssertTitles(figure, "Training", "Epoch", "Loss");
    }

    [Fact]
    public void LineRejectsDuplicateSeriesNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Charts.Line("t", "x", "y", LineSeries.FromValues("a", [1.0]), LineSeries.FromValues("a", [2.0])));

        Assert.Equal("series", error.ParamName);
    }

    [Fact]
    public void ScatterHasOneTracePerGroupInOrderOfFirstAppearanceWithLabels()
    {
        var figure = Figure(Charts.Scatter([0, 1, 2, 3], [0, 1, 0, 1], "Item embeddings", "Component 1", "Component 2",
            groups: ["Drama", "Comedy", "Drama", "Comedy"], labels: ["A", "B", "C", "D"]));

        var traces = Traces(figure);
        Assert.Equal(["Drama", "Comedy"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces, t => Assert.Equal("markers", t.GetProperty("mode").GetString()));
        Assert.Equal([0.0, 2], traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(["A", "C"], traces[0].GetProperty("text").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["B", "D"], traces[1].GetProperty("text").EnumerateArray().Select(v => v.GetString()));
        AssertTitles(figure, "Item embeddings", "Component 1", "Component 2");
    }

    [Fact]
    public void ScatterWithoutGroupsIsOneTrace()
    {
        var traces = Traces(Figure(Charts.Scatter([0, 1], [1, 0], "t", "x", "y")));

        Assert.Equal(2, Assert.Single(traces).GetProperty("x").GetArrayLength());
    }

    [Fact]
    public void HeatmapHasTheMatrixRowByRowWithLabels()
    {
        var figure = Figure(Charts.Heatmap(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, ["a", "b", "c"], ["r1", "r2"], "Co-occurrence", "Genre", "Genre"));

        var trace = Assert.Single(Traces(figure));
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal([[1.0, 2, 3], [4.0, 5, 6]], z);
        Assert.Equal(["a", "b", "c"], trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["r1", "r2"], trace.GetProperty("y").EnumerateArray().Select(v => v.GetString()));
        AssertTitles(figure, "Co-occurrence", "Genre", "Genre");
    }

    [Fact]
    public void HeatmapRejectsLabelCountsThatDoNotMatch()
    {
        var error = Assert.Throws<ArgumentException>(() => Charts.Heatmap(new double[,] { { 1, 2 } }, ["a"], ["r"], "t", "x", "y"));

        Assert.Equal("columnLabels", error.ParamName);
    }

    [Fact]
    public void LogLogDistributionCountsFrequenciesOnLogAxesAndReportsZeros()
    {
        // Counts per movie: three movies with 1 rating, one with 2, one with 10, two with none.
        var figure = Figure(Charts.LogLogDistribution([1, 1, 1, 2, 10, 0, 0], "Ratings per movie", "Ratings", "Movies"));

        var trace = Assert.Single(Traces(figure));
        Assert.Equal([1.0, 2, 10], trace.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([3.0, 1, 1], trace.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        var layout = figure.GetProperty("layout");
        Assert.Equal("log", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("Ratings per movie (2 with count 0 not shown on log axes)", layout.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void LogLogDistributionRejectsNegativeCounts()
    {
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => Charts.LogLogDistribution([1, -1], "t", "x")).ParamName);
    }

    [Fact]
    public void StandaloneHtmlEmbedsPlotlyJsAndNeedsNoNetwork()
    {
        var html = Charts.ToStandaloneHtml(Charts.Histogram([1.0, 2.0], "Offline", "x"));

        Assert.Contains("t.Plotly=e()", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"Offline\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveStandaloneHtmlWritesTheFile()
    {
        using var directory = new TempDirectory();

        var path = Charts.SaveStandaloneHtml(Charts.Histogram([1.0], "Saved", "x"), Path.Combine(directory.Path, "sub", "chart.html"));

        Assert.True(File.Exists(path));
        Assert.Contains("\"Saved\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left behind
    }

    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static IReadOnlyList<JsonElement> Traces(JsonElement figure) => figure.GetProperty("data").EnumerateArray().ToArray();

    private static void AssertTitles(JsonElement figure, string title, string xAxisTitle, string yAxisTitle)
    {
        var layout = figure.GetProperty("layout");
        Assert.Equal(title, layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(xAxisTitle, layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(yAxisTitle, layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(Charts.DefaultWidth, layout.GetProperty("width").GetInt32());
    }
}
