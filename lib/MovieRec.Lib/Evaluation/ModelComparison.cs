using System.Diagnostics;
using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>Options of <see cref="ModelComparison"/>. Defaults: the standard protocol, its evaluator options, rating metrics on.</summary>
public sealed record ModelComparisonOptions
{
    /// <summary>The defaults.</summary>
    public static ModelComparisonOptions Default { get; } = new();

    /// <summary>Splits, K, relevance and bootstrap seed. Default <see cref="Protocol.Default"/>.</summary>
    public Protocol Protocol { get; init; } = Protocol.Default;

    /// <summary>Evaluator options (e.g. a K sweep); null (default) means <see cref="Protocol.ToEvaluationOptions"/>.</summary>
    public EvaluationOptions? Evaluation { get; init; }

    /// <summary>
    /// Fit a second, fresh model on the protocol's rating split for every <see cref="IRatingPredictor"/> and report its
    /// RMSE/MAE (as <see cref="Protocol.Run"/> does). Default true; false halves the cost of rating models.
    /// </summary>
    public bool RatingMetrics { get; init; } = true;

    /// <summary>
    /// Keep only this many users (all their ratings), drawn at random with the protocol's seed, before splitting: for
    /// quick runs (tests, previews). Null (default) keeps every user. Must be at least 2.
    /// </summary>
    public int? UserSampleSize { get; init; }

    /// <summary>Hears "fitting X", "X done in …" lines, e.g. <c>Console.Out</c>. Default null (silent).</summary>
    public TextWriter? Log { get; init; }
}

/// <summary>
/// Runs several models through the standard protocol on the same splits and keeps everything a notebook shows:
/// each fitted model (for training curves), its <see cref="EvaluationResult"/> under the entry's label, novelty and
/// diversity intervals, and, for rating predictors, a second model fitted on the rating split with its RMSE/MAE.
/// The result turns into a leaderboard (<see cref="ModelComparisonResult.Leaderboard"/>).
/// </summary>
public static class ModelComparison
{
    /// <summary>Fits and evaluates every entry, in order, on <paramref name="ratings"/> split by the protocol.</summary>
    /// <param name="entries">The models; labels must be distinct.</param>
    /// <param name="ratings">All ratings of the data set.</param>
    /// <param name="movies">Movie metadata (genres for content models and diversity), or null.</param>
    /// <param name="options">Null means <see cref="ModelComparisonOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No entries, an invalid or duplicate entry, or a factory returning null.</exception>
    public static ModelComparisonResult Run(
        IEnumerable<ModelEntry> entries, RatingsTable ratings, IReadOnlyList<Movie>? movies = null, ModelComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(ratings);
        options ??= ModelComparisonOptions.Default;
        var list = entries.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one model entry is needed.", nameof(entries));
        }

        foreach (var entry in list)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            entry.Validate(nameof(entries));
        }

        var duplicate = list.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Model name '{duplicate.Key}' appears {duplicate.Count()} times; names must be distinct.", nameof(entries));
        }

        var protocol = options.Protocol ?? throw new ArgumentException("Protocol is null.", nameof(options));
        protocol.Validate();
        var evaluation = options.Evaluation ?? protocol.ToEvaluationOptions();
        ratings = SampleUsers(ratings, options.UserSampleSize, protocol.Seed);
        var split = protocol.RankingSplit(ratings);
        var train = new TrainingData(split.Train, movies);
        var popularity = ItemPopularity.FromRatings(split.Train);
        var genres = movies is null ? null : GenreIndex.FromMovies(movies);
        var ratingSplit = new Lazy<(TrainingData Train, RatingsTable Test)>(() =>
        {
            var s = protocol.RatingSplit(ratings);
            return (new TrainingData(s.Train, movies), s.Test);
        });

        var runs = new List<ModelRun>(list.Count);
        var fitted = new Dictionary<string, IRecommender>(StringComparer.Ordinal);
        foreach (var entry in list)
        {
            var run = entry.Compose is null
                ? RunOne(entry, train, split.Test, evaluation, popularity, genres, options.RatingMetrics ? ratingSplit : null, options.Log)
                : RunComposed(entry, fitted, train, split.Test, evaluation, popularity, genres, options.Log);
            fitted[entry.Name] = run.Model;
            runs.Add(run);
        }

        return new ModelComparisonResult(protocol, ratings, train, split.Test, runs);
    }

    /// <summary>All ratings of <paramref name="size"/> users drawn without replacement (seeded), in their original order.</summary>
    internal static RatingsTable SampleUsers(RatingsTable ratings, int? size, int seed)
    {
        if (size is null)
        {
            return ratings;
        }

        if (size < 2)
        {
            throw new ArgumentException($"UserSampleSize must be at least 2, not {size}.", "options");
        }

        var users = ratings.DistinctUserIds();
        if (size >= users.Length)
        {
            return ratings;
        }

        new Random(seed).Shuffle(users);
        var kept = users[..size.Value].ToHashSet();
        var rows = Enumerable.Range(0, ratings.Count).Where(i => kept.Contains(ratings.UserIds[i])).ToArray();
        return ratings.Select(rows);
    }

    private static ModelRun RunComposed(
        ModelEntry entry,
        IReadOnlyDictionary<string, IRecommender> fitted,
        TrainingData train,
        RatingsTable test,
        EvaluationOptions evaluation,
        ItemPopularity popularity,
        GenreIndex? genres,
        TextWriter? log)
    {
        log?.WriteLine($"{entry.Name}: assembling from fitted {string.Join(", ", fitted.Keys)}");
        var stopwatch = Stopwatch.StartNew();
        IRecommender model;
        try
        {
            model = entry.Compose!(fitted);
        }
        catch (KeyNotFoundException ex)
        {
            throw new ArgumentException(
                $"Model entry '{entry.Name}' needs a model that is not listed before it (fitted so far: {string.Join(", ", fitted.Keys)}). {ex.Message}",
                nameof(entry), ex);
        }

        if (model is null)
        {
            throw new ArgumentException($"The compose function of '{entry.Name}' returned null.", nameof(entry));
        }

        var result = Evaluator.Evaluate(model, train, test, evaluation).WithModelName(entry.Name);
        var novelty = BeyondAccuracyIntervals.Novelty(result.Recommendations, result.K, popularity, evaluation.Bootstrap);
        var diversity = genres is null ? null : BeyondAccuracyIntervals.Diversity(result.Recommendations, result.K, genres, evaluation.Bootstrap);
        log?.WriteLine(FormattableString.Invariant($"{entry.Name}: done in {stopwatch.Elapsed.TotalSeconds:F1} s, NDCG@{result.K} {result.Ndcg}"));
        return new ModelRun(entry.Name, model, null, result, novelty, diversity, null);
    }

    private static ModelRun RunOne(
        ModelEntry entry,
        TrainingData train,
        RatingsTable test,
        EvaluationOptions evaluation,
        ItemPopularity popularity,
        GenreIndex? genres,
        Lazy<(TrainingData Train, RatingsTable Test)>? ratingSplit,
        TextWriter? log)
    {
        log?.WriteLine($"{entry.Name}: fitting on the ranking split");
        var stopwatch = Stopwatch.StartNew();
        var model = entry.Create() ?? throw new ArgumentException($"The factory of '{entry.Name}' returned null.", nameof(entry));
        var result = Evaluator.FitAndEvaluate(model, train, test, evaluation).WithModelName(entry.Name);

        IRatingPredictor? ratingModel = null;
        TimeSpan? ratingFit = null;
        if (ratingSplit is not null && model is IRatingPredictor)
        {
            log?.WriteLine($"{entry.Name}: fitting on the rating split");
            ratingModel = entry.Create() as IRatingPredictor
                ?? throw new ArgumentException($"The factory of '{entry.Name}' must return the same kind of model each time.", nameof(entry));
            var (ratingTrain, ratingTest) = ratingSplit.Value;
            var fit = Stopwatch.StartNew();
            ratingModel.Fit(ratingTrain);
            ratingFit = fit.Elapsed;
            result = result.WithRating(Evaluator.EvaluateRatings(ratingModel, ratingTrain, ratingTest, evaluation.Bootstrap));
        }

        var novelty = BeyondAccuracyIntervals.Novelty(result.Recommendations, result.K, popularity, evaluation.Bootstrap);
        var diversity = genres is null ? null : BeyondAccuracyIntervals.Diversity(result.Recommendations, result.K, genres, evaluation.Bootstrap);
        log?.WriteLine(FormattableString.Invariant($"{entry.Name}: done in {stopwatch.Elapsed.TotalSeconds:F1} s, NDCG@{result.K} {result.Ndcg}"));
        return new ModelRun(entry.Name, model, ratingModel, result, novelty, diversity, ratingFit);
    }
}
