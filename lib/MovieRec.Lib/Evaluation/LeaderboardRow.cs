namespace MovieRec.Evaluation;

/// <summary>
/// One model's line of the project leaderboard: ranking metrics at K with 95% bootstrap intervals over users,
/// beyond-accuracy metrics, RMSE/MAE for rating models, and timings. Plain data, so a notebook can record it as
/// JSON and the CLI read it back (<see cref="Leaderboard.ToText"/>).
/// </summary>
/// <param name="Model">Short label, e.g. "Ease".</param>
/// <param name="Description">The model's own name with its settings, e.g. "Ease(lambda=300)".</param>
/// <param name="K">Cut-off of the lists.</param>
/// <param name="Users">Users evaluated.</param>
/// <param name="Precision">Precision@K.</param>
/// <param name="Recall">Recall@K.</param>
/// <param name="Ndcg">NDCG@K (binary relevance).</param>
/// <param name="Map">MAP@K.</param>
/// <param name="HitRate">HitRate@K.</param>
/// <param name="Mrr">MRR@K.</param>
/// <param name="Coverage">Catalogue coverage at K, 0..1 (no interval: a set-level statistic, see <see cref="BeyondAccuracyIntervals"/>).</param>
/// <param name="Novelty">Mean self-information in bits of recommended movies; null when none.</param>
/// <param name="Diversity">Mean pairwise genre distance within lists, 0..1; null without genres.</param>
/// <param name="Rmse">RMSE on the rating split, rating models only.</param>
/// <param name="Mae">MAE on the rating split, rating models only.</param>
/// <param name="FitSeconds">Wall time of the fit on the ranking split.</param>
/// <param name="RecommendSeconds">Wall time of recommending for every evaluated user.</param>
/// <param name="RatingFitSeconds">Wall time of the second fit on the rating split, rating models only.</param>
public sealed record LeaderboardRow(
    string Model,
    string Description,
    int K,
    int Users,
    ConfidenceInterval Precision,
    ConfidenceInterval Recall,
    ConfidenceInterval Ndcg,
    ConfidenceInterval Map,
    ConfidenceInterval HitRate,
    ConfidenceInterval Mrr,
    double Coverage,
    ConfidenceInterval? Novelty,
    ConfidenceInterval? Diversity,
    ConfidenceInterval? Rmse,
    ConfidenceInterval? Mae,
    double? FitSeconds,
    double RecommendSeconds,
    double? RatingFitSeconds)
{
    /// <summary>The ranking metrics of this row with their labels, in table order (Precision … MRR).</summary>
    public IReadOnlyList<(string Name, ConfidenceInterval Value)> RankingMetrics() =>
    [
        ("Precision", Precision), ("Recall", Recall), ("NDCG", Ndcg), ("MAP", Map), ("HitRate", HitRate), ("MRR", Mrr),
    ];
}
