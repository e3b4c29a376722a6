using Microsoft.Data.Analysis;
using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>How long the model took.</summary>
/// <param name="Fit">Wall time of <see cref="IRecommender.Fit"/>, or null when the evaluator did not fit.</param>
/// <param name="Recommend">Wall time of all <see cref="IRecommender.Recommend"/> calls (checks and metrics excluded).</param>
/// <param name="Users">Users recommended for.</param>
/// <param name="Batches">Recommend calls made.</param>
public sealed record EvaluationTiming(TimeSpan? Fit, TimeSpan Recommend, int Users, int Batches)
{
    /// <summary>Recommend time per user (zero without users).</summary>
    public TimeSpan RecommendPerUser => Users == 0 ? TimeSpan.Zero : Recommend / Users;
}

/// <summary>Rating-prediction accuracy of an <see cref="IRatingPredictor"/> on held-out ratings.</summary>
/// <param name="Metrics">All rating metrics over every held-out rating.</param>
/// <param name="Users">Distinct users in the rating test set (the bootstrap units).</param>
/// <param name="Rmse">RMSE with a user-level bootstrap interval.</param>
/// <param name="Mae">MAE with a user-level bootstrap interval.</param>
/// <param name="PredictTime">Wall time of <see cref="IRatingPredictor.PredictRatings"/>.</param>
public sealed record RatingEvaluation(
    RatingMetricsResult Metrics, int Users, ConfidenceInterval Rmse, ConfidenceInterval Mae, TimeSpan PredictTime);

/// <summary>
/// Everything one evaluation of one model produced: per-user ranking metrics, their means with bootstrap
/// intervals, beyond-accuracy metrics, optional rating metrics, a K sweep and timings. Made by
/// <see cref="Evaluator"/>; compared with <see cref="PairedComparison"/>; tabulated with
/// <see cref="ToDataFrame"/> and <see cref="Leaderboard"/>.
/// </summary>
public sealed class EvaluationResult
{
    private readonly IReadOnlyDictionary<RankingMetric, ConfidenceInterval> _intervals;

    internal EvaluationResult(
        string modelName,
        EvaluationOptions options,
        RankingMetricsPerUser perUser,
        IReadOnlyDictionary<RankingMetric, ConfidenceInterval> intervals,
        BeyondAccuracyResult beyondAccuracy,
        RatingEvaluation? rating,
        IReadOnlyList<RankingMetricsResult> kSweep,
        EvaluationTiming timing,
        Recommendations recommendations,
        GroundTruth truth,
        int usersUnknownToModel)
    {
        ModelName = modelName;
        Options = options;
        PerUser = perUser;
        Aggregate = perUser.Mean();
        _intervals = intervals;
        BeyondAccuracy = beyondAccuracy;
        Rating = rating;
        KSweep = kSweep;
        Timing = timing;
        Recommendations = recommendations;
        Truth = truth;
        UsersUnknownToModel = usersUnknownToModel;
    }

    /// <summary>The model's <see cref="IRecommender.Name"/>.</summary>
    public string ModelName { get; }

    /// <summary>The options the evaluation ran with.</summary>
    public EvaluationOptions Options { get; }

    /// <summary>The cut-off of <see cref="PerUser"/>, <see cref="Aggregate"/> and the intervals.</summary>
    public int K => Options.K;

    /// <summary>Ranking metrics of every evaluated user (users with at least one relevant held-out movie).</summary>
    public RankingMetricsPerUser PerUser { get; }

    /// <summary>Means over the evaluated users (equal to <see cref="RankingMetrics.Compute"/> on the same data).</summary>
    public RankingMetricsResult Aggregate { get; }

    /// <summary>Users evaluated.</summary>
    public int Users => PerUser.Count;

    /// <summary>Evaluated users the training data does not know (they get empty rows, so score 0).</summary>
    public int UsersUnknownToModel { get; }

    /// <summary>Catalogue coverage, entropy, novelty and (when movies are given) genre diversity at K.</summary>
    public BeyondAccuracyResult BeyondAccuracy { get; }

    /// <summary>RMSE/MAE when the model predicts ratings and a rating test set was given, else null.</summary>
    public RatingEvaluation? Rating { get; }

    /// <summary>Mean metrics at each sweep K (ascending, distinct); empty without a sweep.</summary>
    public IReadOnlyList<RankingMetricsResult> KSweep { get; }

    /// <summary>Fit and recommend times.</summary>
    public EvaluationTiming Timing { get; }

    /// <summary>Every evaluated user's list at the largest K asked for, in <see cref="PerUser"/> order.</summary>
    public Recommendations Recommendations { get; }

    /// <summary>The relevant held-out movies the lists were judged against.</summary>
    public GroundTruth Truth { get; }

    /// <summary>Precision@K with its interval.</summary>
    public ConfidenceInterval Precision => Interval(RankingMetric.Precision);

    /// <summary>Recall@K with its interval.</summary>
    public ConfidenceInterval Recall => Interval(RankingMetric.Recall);

    /// <summary>NDCG@K (binary) with its interval.</summary>
    public ConfidenceInterval Ndcg => Interval(RankingMetric.Ndcg);

    /// <summary>MAP@K with its interval.</summary>
    public ConfidenceInterval MeanAveragePrecision => Interval(RankingMetric.MeanAveragePrecision);

    /// <summary>HitRate@K with its interval.</summary>
    public ConfidenceInterval HitRate => Interval(RankingMetric.HitRate);

    /// <summary>MRR@K with its interval.</summary>
    public ConfidenceInterval MeanReciprocalRank => Interval(RankingMetric.MeanReciprocalRank);

    /// <summary>The mean of <paramref name="metric"/> with its bootstrap interval over users.</summary>
    public ConfidenceInterval Interval(RankingMetric metric) =>
        _intervals.TryGetValue(metric, out var interval)
            ? interval
            : throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown ranking metric.");

    /// <summary>A copy with <see cref="Rating"/> replaced (rating models are scored on a separate split).</summary>
    public EvaluationResult WithRating(RatingEvaluation? rating) => new(
        ModelName, Options, PerUser, _intervals, BeyondAccuracy, rating, KSweep, Timing, Recommendations, Truth, UsersUnknownToModel);

    /// <summary>A copy under another name (e.g. a leaderboard's short label instead of the model's own name).</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public EvaluationResult WithModelName(string modelName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        return new(modelName, Options, PerUser, _intervals, BeyondAccuracy, Rating, KSweep, Timing, Recommendations, Truth, UsersUnknownToModel);
    }

    /// <summary>One row: model, K, users, each metric with CI low/high, beyond-accuracy, RMSE/MAE, timings.</summary>
    public DataFrame ToDataFrame() => Leaderboard.ToDataFrame([this]);

    /// <summary>One row per evaluated user: UserId, Hits and every ranking metric (Precision … Mrr).</summary>
    public DataFrame PerUserDataFrame() => EvaluationDataFrames.PerUser(this);

    /// <summary>One row per sweep K: Model, K and the mean of every ranking metric.</summary>
    public DataFrame KSweepDataFrame() => EvaluationDataFrames.KSweep([this]);

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"{ModelName}: NDCG@{K} {Ndcg}, Precision@{K} {Precision}, Recall@{K} {Recall} over {Users:N0} users");
}
