using MovieRec.Data;
using MovieRec.Splits;

namespace MovieRec.Evaluation;

/// <summary>
/// The project's standard evaluation protocol, in one place; every notebook and the CLI start from
/// <see cref="Default"/> and change only what they say they change (docs/evaluation.md):
/// ml-latest-small; a per-user stratified random 75/25 split with seed 42; top-10 among the movies the user
/// did not rate in train; every held-out rating relevant (binary); rating models additionally scored with
/// RMSE/MAE on a global random 80/20 split (same seed).
/// </summary>
public sealed record Protocol
{
    /// <summary>The standard protocol.</summary>
    public static Protocol Default { get; } = new();

    /// <summary>Data set name as in the data registry. Default "ml-latest-small".</summary>
    public string DataSet { get; init; } = "ml-latest-small";

    /// <summary>Share of each user's ratings held out for ranking. Default 0.25.</summary>
    public double TestFraction { get; init; } = 0.25;

    /// <summary>Seed of both splits and of the bootstrap. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Length of the recommendation lists. Default 10.</summary>
    public int K { get; init; } = 10;

    /// <summary>Held-out ratings at or above this are relevant; null (default) = every held-out rating.</summary>
    public float? RelevanceThreshold { get; init; }

    /// <summary>Share of all ratings held out for RMSE/MAE (global random split). Default 0.20.</summary>
    public double RatingTestFraction { get; init; } = 0.20;

    /// <summary>The ranking split: stratified per user, <see cref="TestFraction"/>, <see cref="Seed"/>.</summary>
    public TrainTestSplit RankingSplit(RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return StratifiedPerUserSplitter.Split(ratings, new StratifiedPerUserSplitOptions { TestFraction = TestFraction, Seed = Seed });
    }

    /// <summary>The rating split: global random, <see cref="RatingTestFraction"/>, <see cref="Seed"/>.</summary>
    public TrainTestSplit RatingSplit(RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return RandomSplitter.Split(ratings, new RandomSplitOptions { TestFraction = RatingTestFraction, Seed = Seed });
    }

    /// <summary>The relevant movies of each test user under <see cref="RelevanceThreshold"/>.</summary>
    public GroundTruth GroundTruth(RatingsTable test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return Evaluation.GroundTruth.FromRatings(test, RelevanceThreshold ?? float.NegativeInfinity);
    }

    /// <summary>Evaluator options matching this protocol (K, relevance, bootstrap seed); other options at their defaults.</summary>
    public EvaluationOptions ToEvaluationOptions() => new()
    {
        K = K,
        RelevanceThreshold = RelevanceThreshold,
        Bootstrap = BootstrapOptions.Default with { Seed = Seed },
    };

    /// <summary>
    /// Runs the whole protocol for one model: ranking split → fit → evaluate; and, when the model predicts
    /// ratings, a second fresh model fitted on the rating split's train part and scored on its test part
    /// (a model fitted on the ranking split has seen part of that test set, so it cannot be reused).
    /// </summary>
    /// <param name="createModel">Makes an unfitted model; called once, or twice for rating predictors.</param>
    /// <param name="ratings">All ratings of the data set.</param>
    /// <param name="movies">Movie metadata (genres for diversity and content models), or null.</param>
    /// <param name="options">Evaluator options; null means <see cref="ToEvaluationOptions"/>.</param>
    public EvaluationResult Run(
        Func<Models.IRecommender> createModel, RatingsTable ratings, IReadOnlyList<Movie>? movies = null, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(ratings);
        Validate();
        options ??= ToEvaluationOptions();
        var split = RankingSplit(ratings);
        var model = createModel() ?? throw new ArgumentException("createModel returned null.", nameof(createModel));
        var result = Evaluator.FitAndEvaluate(model, new Models.TrainingData(split.Train, movies), split.Test, options);
        if (model is not Models.IRatingPredictor)
        {
            return result;
        }

        var ratingSplit = RatingSplit(ratings);
        var ratingTrain = new Models.TrainingData(ratingSplit.Train, movies);
        var ratingModel = createModel() as Models.IRatingPredictor
            ?? throw new ArgumentException("createModel must return the same kind of model each time.", nameof(createModel));
        ratingModel.Fit(ratingTrain);
        return result.WithRating(Evaluator.EvaluateRatings(ratingModel, ratingTrain, ratingSplit.Test, options.Bootstrap));
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a field is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataSet))
        {
            throw new ArgumentException("DataSet must be named.", nameof(DataSet));
        }

        if (!(TestFraction > 0 && TestFraction < 1))
        {
            throw new ArgumentException($"TestFraction must be strictly between 0 and 1, not {TestFraction}.", nameof(TestFraction));
        }

        if (!(RatingTestFraction > 0 && RatingTestFraction < 1))
        {
            throw new ArgumentException($"RatingTestFraction must be strictly between 0 and 1, not {RatingTestFraction}.", nameof(RatingTestFraction));
        }

        if (K < 1)
        {
            throw new ArgumentException($"K must be at least 1, not {K}.", nameof(K));
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var relevance = RelevanceThreshold is { } t
            ? FormattableString.Invariant($"held-out ratings >= {t} relevant")
            : "every held-out rating relevant";
        return FormattableString.Invariant(
            $"{DataSet}: per-user stratified {(1 - TestFraction) * 100:0.##}/{TestFraction * 100:0.##} split (seed {Seed}), top-{K} among unrated movies, ") +
            relevance +
            FormattableString.Invariant($"; RMSE/MAE on a global random {(1 - RatingTestFraction) * 100:0.##}/{RatingTestFraction * 100:0.##} split");
    }
}
