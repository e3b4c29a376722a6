namespace MovieRec.Notebooks;

/// <summary>
/// One named set of bars of a <see cref="Charts.GroupedBar"/> chart, e.g. NDCG@10 of every model, optionally with an
/// interval per bar (e.g. a 95% bootstrap interval, which need not be symmetric).
/// </summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Values">Bar heights, one per category of the chart.</param>
/// <param name="Lower">Lower ends of the intervals (each at most its value), or null for no error bars.</param>
/// <param name="Upper">Upper ends of the intervals (each at least its value), or null for no error bars.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Lower = null, IReadOnlyList<double>? Upper = null);
