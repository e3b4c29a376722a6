using System.Diagnostics;
using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>
/// Runs any <see cref="IRecommender"/> over the test users and scores it: batches of users, training items
/// excluded, per-user and mean ranking metrics with bootstrap intervals, beyond-accuracy metrics, RMSE/MAE
/// for rating predictors, an optional K sweep, and timings. See docs/evaluation.md.
/// </summary>
/// <remarks>
/// The evaluated users are those with at least one relevant held-out rating, in ascending id order. The
/// model is asked once per batch for max(K, sweep) items with <see cref="RecommendOptions.Default"/> (seen
/// items excluded); every returned row is checked (see <see cref="EvaluationOptions.ValidateRecommendations"/>)
/// so a model that leaks training items fails loudly instead of scoring oddly.
/// </remarks>
public static class Evaluator
{
    /// <summary>Fits <paramref name="model"/> on <paramref name="train"/> (timed), then evaluates it.</summary>
    public static EvaluationResult FitAndEvaluate(
        IRecommender model, TrainingData train, RatingsTable test, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var stopwatch = Stopwatch.StartNew();
        model.Fit(train);
        stopwatch.Stop();
        return Run(model, train, test, options, stopwatch.Elapsed);
    }

    /// <summary>Evaluates an already fitted <paramref name="model"/> (its fit time is then unknown).</summary>
    /// <param name="model">A model fitted on <paramref name="train"/>.</param>
    /// <param name="train">The data the model was fitted on (its items are excluded and it defines the catalogue).</param>
    /// <param name="test">Held-out ratings; by default each one is relevant.</param>
    /// <param name="options">Null means <see cref="EvaluationOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No test rating is relevant, invalid options, or a rating test set
    /// that overlaps the training ratings.</exception>
    /// <exception cref="InvalidOperationException">The model returned an invalid row (wrong user, too long,
    /// duplicates, or a training item of the user).</exception>
    public static EvaluationResult Evaluate(
        IRecommender model, TrainingData train, RatingsTable test, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        return Run(model, train, test, options, fitTime: null);
    }

    /// <summary>
    /// RMSE/MAE (and the other rating metrics) of <paramref name="model"/> on <paramref name="test"/>, with
    /// intervals from a bootstrap over users (a user's ratings are resampled together).
    /// </summary>
    /// <param name="model">A fitted rating predictor.</param>
    /// <param name="train">Its training data, to check that no test pair was trained on; null skips the check.</param>
    /// <param name="test">Held-out ratings (e.g. <see cref="Protocol.RatingSplit"/>'s test part).</param>
    /// <param name="bootstrap">Null means <see cref="BootstrapOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">Empty test set, a test pair in the training data, or non-finite predictions.</exception>
    public static RatingEvaluation EvaluateRatings(
        IRatingPredictor model, TrainingData? train, RatingsTable test, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        bootstrap ??= BootstrapOptions.Default;
        bootstrap.Validate(nameof(bootstrap));
        if (test.Count == 0)
        {
            throw new ArgumentException("The rating test set is empty.", nameof(test));
        }

        if (train is not null)
        {
            EnsureDisjoint(train, test);
        }

        var stopwatch = Stopwatch.StartNew();
        var predicted = model.PredictRatings(test.UserIds, test.MovieIds);
        stopwatch.Stop();
        if (predicted.Length != test.Count)
        {
            throw new InvalidOperationException(
                $"{model.Name}.PredictRatings returned {predicted.Length} predictions for {test.Count} pairs.");
        }

        var metrics = RatingMetrics.Compute(test.Ratings, predicted);

        // Per-user sums: the bootstrap resamples users, and RMSE = sqrt(Σ squared errors / Σ ratings).
        var rowOfUser = new Dictionary<int, int>();
        var squared = new List<double>();
        var absolute = new List<double>();
        var counts = new List<double>();
        for (var i = 0; i < test.Count; i++)
        {
            if (!rowOfUser.TryGetValue(test.UserIds[i], out var u))
            {
                u = rowOfUser.Count;
                rowOfUser[test.UserIds[i]] = u;
                squared.Add(0);
                absolute.Add(0);
                counts.Add(0);
            }

            var error = (double)test.Ratings[i] - predicted[i];
            squared[u] += error * error;
            absolute[u] += Math.Abs(error);
            counts[u]++;
        }

        var countArray = counts.ToArray();
        var rmse = Bootstrap.Ratio(squared.ToArray(), countArray, Math.Sqrt, bootstrap);
        var mae = Bootstrap.Ratio(absolute.ToArray(), countArray, null, bootstrap);
        return new RatingEvaluation(metrics, rowOfUser.Count, rmse, mae, stopwatch.Elapsed);
    }

    private static EvaluationResult Run(
        IRecommender model, TrainingData train, RatingsTable test, EvaluationOptions? options, TimeSpan? fitTime)
    {
        options ??= EvaluationOptions.Default;
        options.Validate(nameof(options));
        var truth = GroundTruth.FromRatings(test, options.RelevanceThreshold ?? float.NegativeInfinity);
        if (truth.Count == 0)
        {
            throw new ArgumentException(
                options.RelevanceThreshold is { } t
                    ? $"No held-out rating is at or above the relevance threshold {t}; there is nothing to evaluate."
                    : "The test set is empty; there is nothing to evaluate.",
                nameof(test));
        }

        var users = truth.UserIds;
        var maxK = options.MaxK;
        var (recommendations, recommendTime, batches) = RecommendInBatches(model, users, maxK, options);
        if (options.ValidateRecommendations)
        {
            RecommendationChecks.Validate(model.Name, train, users, maxK, recommendations);
        }

        var perUser = RankingMetrics.ComputePerUser(recommendations, truth, options.K);
        var metrics = RankingMetricExtensions.All;
        var intervals = Bootstrap.Means(metrics.Select(perUser.ValuesOf).ToArray(), options.Bootstrap);
        var intervalByMetric = new Dictionary<RankingMetric, ConfidenceInterval>();
        for (var m = 0; m < metrics.Count; m++)
        {
            intervalByMetric[metrics[m]] = intervals[m];
        }

        var sweep = (options.SweepKs ?? [])
            .Distinct()
            .Order()
            .Select(k => RankingMetrics.Compute(recommendations, truth, k))
            .ToArray();

        var popularity = ItemPopularity.FromRatings(train.Ratings);
        var genres = train.Movies is null ? null : GenreIndex.FromMovies(train.Movies);
        var beyond = BeyondAccuracyMetrics.Compute(recommendations, options.K, popularity, genres);

        RatingEvaluation? rating = null;
        if (options.RatingTest is not null && model is IRatingPredictor predictor)
        {
            rating = EvaluateRatings(predictor, train, options.RatingTest, options.Bootstrap);
        }

        var unknown = users.Count(u => !train.UserVocabulary.TryGetIndex(u, out _));
        var timing = new EvaluationTiming(fitTime, recommendTime, users.Length, batches);
        return new EvaluationResult(
            model.Name, options, perUser, intervalByMetric, beyond, rating, sweep, timing, recommendations, truth, unknown);
    }

    /// <summary>Asks the model batch by batch (optionally several batches at once) and joins the rows in user order.</summary>
    private static (Recommendations Result, TimeSpan Elapsed, int Batches) RecommendInBatches(
        IRecommender model, int[] users, int k, EvaluationOptions options)
    {
        var batchSize = options.BatchSize;
        var batchCount = (users.Length + batchSize - 1) / batchSize;
        var parts = new Recommendations[batchCount];
        var usersDone = 0;
        var batchesDone = 0;
        var progressLock = new object();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            RunBatches();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // Surface the model's own exception, not the parallel loop's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        stopwatch.Stop();
        return (Concatenate(parts), stopwatch.Elapsed, batchCount);

        void RunBatches() => Parallel.For(
            0,
            batchCount,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelBatches },
            b =>
            {
                var start = b * batchSize;
                var batch = users[start..Math.Min(users.Length, start + batchSize)];
                parts[b] = model.Recommend(batch, k, RecommendOptions.Default)
                    ?? throw new InvalidOperationException($"{model.Name}.Recommend returned null.");
                if (options.Progress is not null)
                {
                    // Under a lock so reports arrive in increasing order even when batches run in parallel.
                    lock (progressLock)
                    {
                        usersDone += batch.Length;
                        batchesDone++;
                        options.Progress.Report(new EvaluationProgress(usersDone, users.Length, batchesDone, batchCount, stopwatch.Elapsed));
                    }
                }
            });
    }

    private static Recommendations Concatenate(Recommendations[] parts)
    {
        if (parts.Length == 1)
        {
            return parts[0];
        }

        var rows = parts.Sum(p => p.Count);
        var entries = parts.Sum(p => p.MovieIds.Length);
        var queryIds = new int[rows];
        var offsets = new int[rows + 1];
        var movieIds = new int[entries];
        var scores = new float[entries];
        int row = 0, entry = 0;
        foreach (var part in parts)
        {
            part.QueryIds.CopyTo(queryIds, row);
            for (var r = 0; r < part.Count; r++)
            {
                offsets[row + r + 1] = entry + part.Offsets[r + 1];
            }

            part.MovieIds.CopyTo(movieIds, entry);
            part.Scores.CopyTo(scores, entry);
            row += part.Count;
            entry += part.MovieIds.Length;
        }

        return new Recommendations(queryIds, offsets, movieIds, scores);
    }

    /// <summary>A rating test pair that was trained on would make RMSE meaningless, so it is refused.</summary>
    private static void EnsureDisjoint(TrainingData train, RatingsTable test)
    {
        for (var i = 0; i < test.Count; i++)
        {
            if (train.UserVocabulary.TryGetIndex(test.UserIds[i], out var u)
                && train.ItemVocabulary.TryGetIndex(test.MovieIds[i], out var m)
                && train.SeenItems.Contains(u, m))
            {
                throw new ArgumentException(
                    $"Rating test row {i} (user {test.UserIds[i]}, movie {test.MovieIds[i]}) is also in the training data; " +
                    "use a rating split made from the same ratings as the model's training set.",
                    nameof(test));
            }
        }
    }
}
