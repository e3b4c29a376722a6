using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Splits;

namespace MovieRec.Evaluation;

/// <summary>
/// The next-item protocol of sequential recommenders (SASRec and its successors), for any
/// <see cref="IRecommender"/>: leave-last-one-out per user (<see cref="LeaveLastOutSplitter"/>: each user's
/// latest rating is held out, users with a single rating stay whole in train), top-<see cref="K"/> over the
/// full catalogue minus the user's training movies (no sampled candidates), the held-out movie the one
/// relevant item, so HR@K (= Recall@K) and NDCG@K are the headline numbers (docs/alternative-models.md).
/// </summary>
/// <remarks>
/// A held-out movie that nobody rated in train cannot be recommended by any model; it counts as a miss, the
/// same for every model. The rest of the evaluation (bootstrap intervals, beyond-accuracy metrics, timings,
/// row checks) is <see cref="Evaluator"/>'s.
/// </remarks>
public sealed record SequentialProtocol
{
    /// <summary>Leave the last one out, top-10, bootstrap seed 42.</summary>
    public static SequentialProtocol Default { get; } = new();

    /// <summary>Latest ratings held out per user (users with no more than this many stay in train). Default 1.</summary>
    public int HeldOutPerUser { get; init; } = 1;

    /// <summary>Length of the recommendation lists. Default 10.</summary>
    public int K { get; init; } = 10;

    /// <summary>Seed of the bootstrap intervals (the split itself has no randomness). Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The split: each user's <see cref="HeldOutPerUser"/> latest ratings go to test.</summary>
    public TrainTestSplit Split(RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        Validate();
        return LeaveLastOutSplitter.Split(ratings, HeldOutPerUser);
    }

    /// <summary>Evaluator options matching this protocol (K, every held-out rating relevant, bootstrap seed).</summary>
    public EvaluationOptions ToEvaluationOptions() => new()
    {
        K = K,
        Bootstrap = BootstrapOptions.Default with { Seed = Seed },
    };

    /// <summary>
    /// Runs the protocol for one model: split → fit on the train part (timed) → recommend top-K for every user
    /// with a held-out rating → metrics. <c>result.Aggregate.HitRate</c> and <c>result.Aggregate.Ndcg</c> are HR@K
    /// and NDCG@K.
    /// </summary>
    /// <param name="createModel">Makes an unfitted model; called once.</param>
    /// <param name="ratings">All ratings of the data set (with timestamps).</param>
    /// <param name="movies">Movie metadata for content-aware models and genre metrics, or null.</param>
    /// <param name="options">Evaluator options; null means <see cref="ToEvaluationOptions"/>.</param>
    /// <exception cref="ArgumentException">No user has more than <see cref="HeldOutPerUser"/> ratings, or invalid settings.</exception>
    public EvaluationResult Run(
        Func<IRecommender> createModel, RatingsTable ratings, IReadOnlyList<Movie>? movies = null, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(ratings);
        var split = Split(ratings);
        if (split.Test.Count == 0)
        {
            throw new ArgumentException(
                $"No user has more than {HeldOutPerUser} rating(s), so leave-last-out holds nothing out.", nameof(ratings));
        }

        var model = createModel() ?? throw new ArgumentException("createModel returned null.", nameof(createModel));
        return Evaluator.FitAndEvaluate(model, new TrainingData(split.Train, movies), split.Test, options ?? ToEvaluationOptions());
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a field is out of range.</summary>
    public void Validate()
    {
        if (HeldOutPerUser < 1)
        {
            throw new ArgumentException($"HeldOutPerUser must be at least 1, not {HeldOutPerUser}.", nameof(HeldOutPerUser));
        }

        if (K < 1)
        {
            throw new ArgumentException($"K must be at least 1, not {K}.", nameof(K));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant(
        $"leave last {HeldOutPerUser} out per user, top-{K} over the full catalogue minus training movies, every held-out rating relevant");
}
