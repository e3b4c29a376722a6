using Microsoft.Data.Analysis;

namespace MovieRec.Evaluation;

/// <summary>
/// Several evaluation results as one table (one row per model), the form notebooks chart and print.
/// Columns, in order: Model, K, Users; for every ranking metric its mean and CI bounds (Precision,
/// PrecisionLow, PrecisionHigh, Recall…, Ndcg…, NdcgGraded…, Map…, HitRate…, Mrr…); Coverage, Entropy,
/// Novelty, Diversity; Rmse, RmseLow, RmseHigh, Mae, MaeLow, MaeHigh; FitSeconds, RecommendSeconds,
/// RecommendMsPerUser. Every column after Model is numeric (Int32 for K and Users, Double otherwise); a
/// value that does not apply (no genres, not a rating model, not fitted by the evaluator) is null.
/// </summary>
public static partial class Leaderboard
{
    /// <summary>The table, rows in the given order or sorted by <paramref name="sortBy"/> descending.</summary>
    /// <exception cref="ArgumentException">No results.</exception>
    public static DataFrame ToDataFrame(IEnumerable<EvaluationResult> results, RankingMetric? sortBy = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one evaluation result is needed.", nameof(results));
        }

        if (rows.Any(r => r is null))
        {
            throw new ArgumentException("A result is null.", nameof(results));
        }

        if (sortBy is { } metric)
        {
            rows = rows.OrderByDescending(r => r.Aggregate.ValueOf(metric)).ToList();
        }

        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("Model", rows.Select(r => r.ModelName)),
            new Int32DataFrameColumn("K", rows.Select(r => r.K)),
            new Int32DataFrameColumn("Users", rows.Select(r => r.Users)),
        };
        foreach (var m in RankingMetricExtensions.All)
        {
            var name = m.ColumnName();
            columns.Add(Doubles(name, rows, r => r.Interval(m).Estimate));
            columns.Add(Doubles(name + "Low", rows, r => r.Interval(m).Lower));
            columns.Add(Doubles(name + "High", rows, r => r.Interval(m).Upper));
        }

        columns.Add(Doubles("Coverage", rows, r => r.BeyondAccuracy.CatalogueCoverage));
        columns.Add(Doubles("Entropy", rows, r => r.BeyondAccuracy.DistributionalCoverage));
        columns.Add(Doubles("Novelty", rows, r => r.BeyondAccuracy.Novelty));
        columns.Add(Doubles("Diversity", rows, r => r.BeyondAccuracy.IntraListDiversity));
        columns.Add(Doubles("Rmse", rows, r => r.Rating?.Rmse.Estimate));
        columns.Add(Doubles("RmseLow", rows, r => r.Rating?.Rmse.Lower));
        columns.Add(Doubles("RmseHigh", rows, r => r.Rating?.Rmse.Upper));
        columns.Add(Doubles("Mae", rows, r => r.Rating?.Mae.Estimate));
        columns.Add(Doubles("MaeLow", rows, r => r.Rating?.Mae.Lower));
        columns.Add(Doubles("MaeHigh", rows, r => r.Rating?.Mae.Upper));
        columns.Add(Doubles("FitSeconds", rows, r => r.Timing.Fit?.TotalSeconds));
        columns.Add(Doubles("RecommendSeconds", rows, r => r.Timing.Recommend.TotalSeconds));
        columns.Add(Doubles("RecommendMsPerUser", rows, r => r.Timing.RecommendPerUser.TotalMilliseconds));
        return new DataFrame(columns);
    }

    /// <summary>Mean metrics at every sweep K of every result: columns Model, K, Precision, Recall, Ndcg, NdcgGraded, Map, HitRate, Mrr.</summary>
    public static DataFrame KSweep(IEnumerable<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return EvaluationDataFrames.KSweep(results.ToList());
    }

    private static DoubleDataFrameColumn Doubles(string name, List<EvaluationResult> rows, Func<EvaluationResult, double?> value) =>
        new(name, rows.Select(value));
}

/// <summary>Per-user and K-sweep tables of evaluation results.</summary>
internal static class EvaluationDataFrames
{
    public static DataFrame PerUser(EvaluationResult result)
    {
        var perUser = result.PerUser;
        var columns = new List<DataFrameColumn>
        {
            new Int32DataFrameColumn("UserId", perUser.UserIds),
            new Int32DataFrameColumn("Hits", perUser.Hits),
        };
        foreach (var m in RankingMetricExtensions.All)
        {
            columns.Add(new DoubleDataFrameColumn(m.ColumnName(), perUser.ValuesOf(m)));
        }

        return new DataFrame(columns);
    }

    public static DataFrame KSweep(IReadOnlyList<EvaluationResult> results)
    {
        var rows = results.SelectMany(r => r.KSweep.Select(sweep => (r.ModelName, Metrics: sweep))).ToList();
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("Model", rows.Select(r => r.ModelName)),
            new Int32DataFrameColumn("K", rows.Select(r => r.Metrics.K)),
        };
        foreach (var m in RankingMetricExtensions.All)
        {
            columns.Add(new DoubleDataFrameColumn(m.ColumnName(), rows.Select(r => r.Metrics.ValueOf(m))));
        }

        return new DataFrame(columns);
    }
}
