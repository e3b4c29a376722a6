using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>
/// Options of <see cref="Evaluator"/>. The defaults are the project protocol (<see cref="Protocol"/>):
/// top-10, every held-out rating relevant, 1,000 bootstrap resamples at 95% with seed 42.
/// </summary>
public sealed record EvaluationOptions
{
    /// <summary>The defaults.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>Cut-off of the reported metrics, at least 1. Default 10.</summary>
    public int K { get; init; } = 10;

    /// <summary>
    /// Extra cut-offs for a K sweep (e.g. 1..50): the model is asked once for max(K, sweep) items per user and
    /// mean metrics are reported at each of these K in <see cref="EvaluationResult.KSweep"/>. Default null (none).
    /// </summary>
    public IReadOnlyList<int>? SweepKs { get; init; }

    /// <summary>
    /// Held-out ratings at or above this many stars are relevant; null (the default) makes every held-out
    /// rating relevant (binary relevance, the project protocol).
    /// </summary>
    public float? RelevanceThreshold { get; init; }

    /// <summary>Users per <c>Recommend</c> call, at least 1. Default 1,024.</summary>
    public int BatchSize { get; init; } = 1_024;

    /// <summary>
    /// Batches run at the same time. Default 1: the interface promises concurrent reads are safe, but most
    /// models already use every core inside one Recommend call; raise it for models that score one user at
    /// a time. Must be at least 1.
    /// </summary>
    public int MaxParallelBatches { get; init; } = 1;

    /// <summary>Resamples, level and seed of the confidence intervals. Default <see cref="BootstrapOptions.Default"/>.</summary>
    public BootstrapOptions Bootstrap { get; init; } = BootstrapOptions.Default;

    /// <summary>
    /// Held-out ratings for RMSE/MAE, used only when the model is an <see cref="Models.IRatingPredictor"/>.
    /// They must not overlap the training ratings (checked). Default null (no rating metrics).
    /// </summary>
    public RatingsTable? RatingTest { get; init; }

    /// <summary>Reported after every batch (from the batch's thread). Default null.</summary>
    public IProgress<EvaluationProgress>? Progress { get; init; }

    /// <summary>
    /// Check every row the model returns: its user, at most K items, distinct items, and no training
    /// item of the user (the evaluation asks for seen items to be excluded). Default true.
    /// </summary>
    public bool ValidateRecommendations { get; init; } = true;

    /// <summary>The largest cut-off asked for (K or a sweep K).</summary>
    public int MaxK => SweepKs is { Count: > 0 } ? Math.Max(K, SweepKs.Max()) : K;

    internal void Validate(string parameterName)
    {
        if (K < 1)
        {
            throw new ArgumentException($"K must be at least 1, not {K}.", parameterName);
        }

        if (SweepKs is not null && SweepKs.Any(k => k < 1))
        {
            throw new ArgumentException("Every sweep K must be at least 1.", parameterName);
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"BatchSize must be at least 1, not {BatchSize}.", parameterName);
        }

        if (MaxParallelBatches < 1)
        {
            throw new ArgumentException($"MaxParallelBatches must be at least 1, not {MaxParallelBatches}.", parameterName);
        }

        if (RelevanceThreshold is { } threshold && !float.IsFinite(threshold))
        {
            throw new ArgumentException($"RelevanceThreshold must be finite, not {threshold}.", parameterName);
        }

        ArgumentNullException.ThrowIfNull(Bootstrap, parameterName);
        Bootstrap.Validate(parameterName);
    }
}

/// <summary>Progress of a long evaluation, reported after each batch.</summary>
/// <param name="UsersDone">Users recommended for so far.</param>
/// <param name="UsersTotal">Users to evaluate.</param>
/// <param name="BatchesDone">Batches finished.</param>
/// <param name="BatchesTotal">Batches in all.</param>
/// <param name="Elapsed">Time since recommending started.</param>
public sealed record EvaluationProgress(int UsersDone, int UsersTotal, int BatchesDone, int BatchesTotal, TimeSpan Elapsed)
{
    /// <summary>UsersDone / UsersTotal (1 when there are no users).</summary>
    public double Fraction => UsersTotal == 0 ? 1.0 : (double)UsersDone / UsersTotal;
}
