using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>One model of a <see cref="ModelComparison"/>: the fitted models and what they scored.</summary>
/// <param name="Name">The entry's label (also <see cref="EvaluationResult.ModelName"/> of <paramref name="Result"/>).</param>
/// <param name="Model">The model fitted on the ranking split (its training history, embeddings, … for charts).</param>
/// <param name="RatingModel">For rating predictors, the second model fitted on the rating split; else null.</param>
/// <param name="Result">Ranking metrics on the ranking split, plus RMSE/MAE of <paramref name="RatingModel"/>.</param>
/// <param name="Novelty">Novelty at K with a bootstrap interval over users; null when nothing was recommended.</param>
/// <param name="Diversity">Genre intra-list diversity at K with an interval; null without movie metadata.</param>
/// <param name="RatingFitTime">Wall time of fitting <paramref name="RatingModel"/>, or null.</param>
public sealed record ModelRun(
    string Name,
    IRecommender Model,
    IRatingPredictor? RatingModel,
    EvaluationResult Result,
    ConfidenceInterval? Novelty,
    ConfidenceInterval? Diversity,
    TimeSpan? RatingFitTime)
{
    /// <summary>This run as a leaderboard row.</summary>
    public LeaderboardRow ToRow() => new(
        Name,
        Model.Name,
        Result.K,
        Result.Users,
        Result.Precision,
        Result.Recall,
        Result.Ndcg,
        Result.MeanAveragePrecision,
        Result.HitRate,
        Result.MeanReciprocalRank,
        Result.BeyondAccuracy.CatalogueCoverage,
        Novelty,
        Diversity,
        Result.Rating?.Rmse,
        Result.Rating?.Mae,
        Result.Timing.Fit?.TotalSeconds,
        Result.Timing.Recommend.TotalSeconds,
        RatingFitTime?.TotalSeconds);
}

/// <summary>Everything a <see cref="ModelComparison"/> produced: the shared split and one <see cref="ModelRun"/> per model.</summary>
public sealed class ModelComparisonResult
{
    internal ModelComparisonResult(Protocol protocol, RatingsTable ratings, TrainingData train, RatingsTable test, IReadOnlyList<ModelRun> runs)
    {
        Protocol = protocol;
        Ratings = ratings;
        Train = train;
        Test = test;
        Runs = runs;
    }

    /// <summary>The protocol every model ran under.</summary>
    public Protocol Protocol { get; }

    /// <summary>The ratings that were split (all of them, or the user sample).</summary>
    public RatingsTable Ratings { get; }

    /// <summary>The ranking split's training data (for subgroup breakdowns).</summary>
    public TrainingData Train { get; }

    /// <summary>The ranking split's held-out ratings.</summary>
    public RatingsTable Test { get; }

    /// <summary>One run per entry, in entry order.</summary>
    public IReadOnlyList<ModelRun> Runs { get; }

    /// <summary>The evaluation results, in entry order (for <see cref="Leaderboard.KSweep"/>, paired comparisons, …).</summary>
    public IReadOnlyList<EvaluationResult> Results => Runs.Select(r => r.Result).ToArray();

    /// <summary>The run labelled <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No run has that label (the message lists the labels).</exception>
    public ModelRun this[string name] =>
        Runs.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No model named '{name}'; the comparison has {string.Join(", ", Runs.Select(r => r.Name))}.");

    /// <summary>One row per model, best <paramref name="sortBy"/> first (ties keep entry order).</summary>
    public IReadOnlyList<LeaderboardRow> Leaderboard(RankingMetric sortBy = RankingMetric.Ndcg) =>
        Runs.OrderByDescending(r => r.Result.Aggregate.ValueOf(sortBy)).Select(r => r.ToRow()).ToArray();

    /// <summary>
    /// The run with the highest mean <paramref name="metric"/> among those <paramref name="where"/> accepts (all by default).
    /// </summary>
    /// <exception cref="InvalidOperationException">No run qualifies.</exception>
    public ModelRun Best(RankingMetric metric = RankingMetric.Ndcg, Func<ModelRun, bool>? where = null)
    {
        var candidates = Runs.Where(where ?? (_ => true)).ToList();
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException("No model qualifies for 'best'.");
        }

        return candidates.OrderByDescending(r => r.Result.Aggregate.ValueOf(metric)).First();
    }
}
