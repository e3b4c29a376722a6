namespace MovieRec.Evaluation;

/// <summary>A per-user ranking metric, for confidence intervals, paired comparisons and breakdowns.</summary>
public enum RankingMetric
{
    /// <summary>Precision@K: hits / K.</summary>
    Precision,

    /// <summary>Recall@K: hits / |relevant|.</summary>
    Recall,

    /// <summary>NDCG@K with binary relevance.</summary>
    Ndcg,

    /// <summary>NDCG@K with the held-out star ratings as gains.</summary>
    NdcgGraded,

    /// <summary>AP@K per user; its mean is MAP@K.</summary>
    MeanAveragePrecision,

    /// <summary>1 when the top K holds at least one relevant movie.</summary>
    HitRate,

    /// <summary>1 / rank of the first hit (0 without one).</summary>
    MeanReciprocalRank,
}

/// <summary>Reads one metric's per-user column.</summary>
public static class RankingMetricExtensions
{
    /// <summary>Every ranking metric, in table order.</summary>
    public static IReadOnlyList<RankingMetric> All { get; } = Enum.GetValues<RankingMetric>();

    /// <summary>The per-user values of <paramref name="metric"/> (the array itself, not a copy).</summary>
    public static double[] ValuesOf(this RankingMetricsPerUser perUser, RankingMetric metric)
    {
        ArgumentNullException.ThrowIfNull(perUser);
        return metric switch
        {
            RankingMetric.Precision => perUser.Precision,
            RankingMetric.Recall => perUser.Recall,
            RankingMetric.Ndcg => perUser.Ndcg,
            RankingMetric.NdcgGraded => perUser.NdcgGraded,
            RankingMetric.MeanAveragePrecision => perUser.AveragePrecision,
            RankingMetric.HitRate => perUser.HitRate,
            RankingMetric.MeanReciprocalRank => perUser.ReciprocalRank,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown ranking metric."),
        };
    }

    /// <summary>The mean of <paramref name="metric"/> in an aggregate result.</summary>
    public static double ValueOf(this RankingMetricsResult result, RankingMetric metric)
    {
        ArgumentNullException.ThrowIfNull(result);
        return metric switch
        {
            RankingMetric.Precision => result.Precision,
            RankingMetric.Recall => result.Recall,
            RankingMetric.Ndcg => result.Ndcg,
            RankingMetric.NdcgGraded => result.NdcgGraded,
            RankingMetric.MeanAveragePrecision => result.MeanAveragePrecision,
            RankingMetric.HitRate => result.HitRate,
            RankingMetric.MeanReciprocalRank => result.MeanReciprocalRank,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown ranking metric."),
        };
    }

    /// <summary>Column name used in data frames and reports, e.g. "Ndcg" or "Map".</summary>
    public static string ColumnName(this RankingMetric metric) => metric switch
    {
        RankingMetric.MeanAveragePrecision => "Map",
        RankingMetric.MeanReciprocalRank => "Mrr",
        _ => metric.ToString(),
    };
}
