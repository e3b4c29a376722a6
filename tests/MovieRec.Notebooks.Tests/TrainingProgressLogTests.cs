using System.Text.Json;
using Microsoft.Data.Analysis;
using MovieRec.Notebooks;
using MovieRec.Training;
using Plotly.NET;

namespace MovieRec.Tests.Notebooks;

/// <summary>The per-epoch progress log, the training-curve charts and the table views notebook 02 uses.</summary>
/// <remarks>In the notebook-runs collection because one test redirects <see cref="Console.Out"/>, which is process-wide.</remarks>
[Collection(NotebookRunsCollection.Name)]
public sealed class TrainingProgressLogTests
{
    private static EpochReport Report(int epoch, double loss, double? recall, bool isBest) => new(
        epoch, 3,
        new EpochRecord(epoch, loss, 0.01 / epoch,
            recall is { } r ? new Dictionary<string, double> { ["recall@20"] = r, ["ndcg@20"] = r / 2 } : new Dictionary<string, double>(),
            EpochSeconds: 1.5, ElapsedSeconds: 1.5 * epoch),
        "recall@20", isBest, TimeSpan.FromSeconds(3 - epoch));

    [Fact]
    public void EveryReportPrintsOneLineAndIsKept()
    {
        using var writer = new StringWriter();
        var log = new TrainingProgressLog(writer, "two-tower ");

        log.Report(Report(1, 5.25, 0.1, isBest: true));
        log.Report(Report(2, 4.5, 0.08, isBest: false));

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("two-tower epoch 1/3 loss 5.2500 recall@20 0.1000", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("*", lines[0], StringComparison.Ordinal);
        Assert.False(lines[1].EndsWith('*'));
        Assert.Equal(lines, log.Lines);
        Assert.Equal([1, 2], log.Reports.Select(r => r.Epoch));
    }

    [Fact]
    public void PrintEveryPrintsTheFirstEveryNthAndTheLastEpochButKeepsAll()
    {
        using var writer = new StringWriter();
        var log = new TrainingProgressLog(writer) { PrintEvery = 4 };
        for (var epoch = 1; epoch <= 10; epoch++)
        {
            log.Report(new EpochReport(epoch, 10, new EpochRecord(epoch, 1.0 / epoch, 0.01, new Dictionary<string, double>(), 1, epoch), null, false, TimeSpan.Zero));
        }

        var printed = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["epoch 1/10", "epoch 4/10", "epoch 8/10", "epoch 10/10"], printed.Select(l => string.Join(' ', l.Split(' ').Take(2))));
        Assert.Equal(10, log.Reports.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingProgressLog(writer) { PrintEvery = 0 });
    }

    [Fact]
    public void WithoutAWriterLinesGoToTheConsoleOfTheMomentOfReporting()
    {
        var log = new TrainingProgressLog(); // created before the console is redirected, as in an earlier notebook cell
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            log.Report(Report(1, 5.0, 0.1, isBest: true));
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.StartsWith("epoch 1/3 loss 5.0000", captured.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTableHasOneRowPerEpochAndAColumnPerMetric()
    {
        var log = new TrainingProgressLog(TextWriter.Null);
        log.Report(Report(1, 5.123456, 0.1, isBest: true));
        log.Report(Report(2, 4.5, null, isBest: false)); // an epoch without validation: empty cells

        var table = log.ToDataFrame(digits: 2);

        Assert.Equal(["Epoch", "Loss", "recall@20", "ndcg@20", "LearningRate", "EpochSeconds", "ElapsedSeconds", "Best"], table.Columns.Select(c => c.Name));
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(5.12, table.Columns["Loss"][0]);
        Assert.Equal(0.05, table.Columns["ndcg@20"][0]);
        Assert.Null(table.Columns["recall@20"][1]);
        Assert.Equal(true, table.Columns["Best"][0]);
        log.Clear();
        Assert.Empty(log.Reports);
    }

    [Fact]
    public void LossAndValidationChartsDrawTheHistory()
    {
        var history = new TrainingHistory { PrimaryMetric = "recall@20", BestEpoch = 1 };
        history.Add(Report(1, 5.0, 0.1, true).Record);
        history.Add(Report(2, 4.0, 0.09, false).Record);

        var loss = JsonDocument.Parse(GenericChart.toFigureJson(Charts.TrainingLoss(history))).RootElement;
        var validation = JsonDocument.Parse(GenericChart.toFigureJson(Charts.ValidationCurves(history))).RootElement;

        var lossTrace = Assert.Single(loss.GetProperty("data").EnumerateArray());
        Assert.Equal([1.0, 2.0], lossTrace.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([5.0, 4.0], lossTrace.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        var traces = validation.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["recall@20", "ndcg@20"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0.1, 0.09], traces[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Contains("kept epoch 1", validation.GetProperty("layout").GetProperty("title").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ChartsOfAnEmptyOrUnvalidatedHistoryAreErrors()
    {
        var empty = new TrainingHistory();
        var unvalidated = new TrainingHistory();
        unvalidated.Add(Report(1, 5.0, null, false).Record);

        Assert.Equal("history", Assert.Throws<ArgumentException>(() => Charts.TrainingLoss(empty)).ParamName);
        Assert.Equal("history", Assert.Throws<ArgumentException>(() => Charts.ValidationCurves(unvalidated)).ParamName);
    }

    [Fact]
    public void SelectColumnsCopiesTheNamedColumnsInOrderAndRoundNumbersRounds()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("Model", ["a", "b"]),
            new DoubleDataFrameColumn("Ndcg", [0.123456, double.NaN]),
            new Int32DataFrameColumn("K", [10, 10]));

        var view = frame.SelectColumns("Ndcg", "Model").RoundNumbers(3);

        Assert.Equal(["Ndcg", "Model"], view.Columns.Select(c => c.Name));
        Assert.Equal(0.123, view.Columns["Ndcg"][0]);
        Assert.True(double.IsNaN((double)view.Columns["Ndcg"][1]!));
        Assert.Equal(0.123456, frame.Columns["Ndcg"][0]); // the input is unchanged
        var error = Assert.Throws<ArgumentException>(() => frame.SelectColumns("Recall"));
        Assert.Equal("names", error.ParamName);
        Assert.Contains("Model, Ndcg, K", error.Message, StringComparison.Ordinal);
    }
}
