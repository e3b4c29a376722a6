using MovieRec.Training;
using Plotly.NET;

namespace MovieRec.Notebooks;

public static partial class Charts
{
    /// <summary>The mean training loss per epoch of a <see cref="TrainingHistory"/> (one line, x = epoch).</summary>
    /// <param name="history">A model's history after training (e.g. <c>TwoTowerRecommender.History</c>).</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">The history has no epoch.</exception>
    public static GenericChart TrainingLoss(TrainingHistory history, string title = "Training loss per epoch")
    {
        ArgumentNullException.ThrowIfNull(history);
        RequireEpochs(history);
        return Line(title, "Epoch", "Mean training loss", new LineSeries("train loss", Epochs(history), history.Losses));
    }

    /// <summary>
    /// Every validation metric of a <see cref="TrainingHistory"/> per epoch (one line each, e.g. hr@20, recall@20,
    /// ndcg@20); the title names the metric early stopping watched and the epoch whose weights were kept.
    /// </summary>
    /// <param name="history">A model's history after training with validation.</param>
    /// <param name="title">Chart title; null for "Validation metrics per epoch (best epoch N by metric)".</param>
    /// <exception cref="ArgumentException">The history has no epoch or no validation metric.</exception>
    public static GenericChart ValidationCurves(TrainingHistory history, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        RequireEpochs(history);
        var names = history.Records.SelectMany(r => r.ValidationMetrics.Keys).Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length == 0)
        {
            throw new ArgumentException("The history has no validation metric (the model trained without validation).", nameof(history));
        }

        var epochs = Epochs(history);
        var series = new List<LineSeries>(names.Length);
        foreach (var name in names)
        {
            // An epoch without the metric would be NaN, which a chart cannot draw: leave that point out.
            var values = history.MetricValues(name);
            var kept = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i])).ToArray();
            series.Add(new LineSeries(name, kept.Select(i => epochs[i]).ToArray(), kept.Select(i => values[i]).ToArray()));
        }

        title ??= history.PrimaryMetric is null
            ? "Validation metrics per epoch"
            : $"Validation metrics per epoch (kept epoch {history.BestEpoch}, best {history.PrimaryMetric})";
        return Line(title, "Epoch", "Validation value", series.ToArray());
    }

    private static double[] Epochs(TrainingHistory history) => history.Epochs.Select(e => (double)e).ToArray();

    private static void RequireEpochs(TrainingHistory history)
    {
        if (history.EpochCount == 0)
        {
            throw new ArgumentException("The history has no epoch.", nameof(history));
        }
    }
}
