using MovieRec.Data;
using MovieRec.Splits;
using MovieRec.Training;

namespace MovieRec.Models.Neural;

/// <summary>
/// The rating models' half of <see cref="PairwiseNeuralRecommender{TOptions}"/> (MatrixFactorizationNN and
/// Cfnn): trains on the star ratings with MSE, early-stops on the RMSE of a random held-out share of the
/// training ratings, and predicts ratings clipped to [0.5, 5]. <see cref="IRecommender.Recommend"/> ranks by
/// the unclipped predicted rating (clipping would create ties among the best movies).
/// </summary>
/// <remarks>
/// Fallback for pairs the model cannot score (a rating split puts users or movies in the test set that
/// training never saw): a damped baseline from the training ratings — the global mean μ plus the user's
/// and the movie's mean deviations, each shrunk towards 0 as Σ(r − μ)/(n + 10) — clipped to the scale.
/// </remarks>
public abstract class NeuralRatingRecommender<TOptions> : PairwiseNeuralRecommender<TOptions>, IRatingPredictor
    where TOptions : class, INeuralModelOptions
{
    private const float Damping = 10f;
    private readonly Lock _gate = new();
    private TrainingData? _fallbackData;
    private float _globalMean = float.NaN;
    private float[] _userOffsets = [];
    private float[] _itemOffsets = [];

    /// <summary>Validates and keeps the options.</summary>
    protected NeuralRatingRecommender(TOptions options, IProgress<EpochReport>? progress)
        : base(options, progress)
    {
    }

    /// <inheritdoc/>
    public float[] PredictRatings(int[] userIds, int[] movieIds)
    {
        var scores = Score(userIds, movieIds);
        EnsureFallback();
        var data = Data;
        for (var i = 0; i < scores.Length; i++)
        {
            if (float.IsNaN(scores[i]))
            {
                var value = _globalMean;
                if (data.UserVocabulary.TryGetIndex(userIds[i], out var u))
                {
                    value += _userOffsets[u];
                }

                if (data.ItemVocabulary.TryGetIndex(movieIds[i], out var m))
                {
                    value += _itemOffsets[m];
                }

                scores[i] = value;
            }

            scores[i] = Math.Clamp(scores[i], RatingScale.Minimum, RatingScale.Maximum);
        }

        return scores;
    }

    /// <inheritdoc/>
    protected sealed override (TrainingHistory History, long ExamplesPerEpoch) Train(PairScoringModule module, TrainingData data)
    {
        var fit = data.Ratings;
        RatingsTable? validation = null;
        if (Options.ValidationFraction > 0)
        {
            var split = RandomSplitter.Split(data.Ratings, Options.ValidationFraction, Options.ValidationSeed);
            if (split.Test.Count > 0 && split.Train.Count > 0)
            {
                (fit, validation) = (split.Train, split.Test);
            }
        }

        using var task = new RatingTrainingTask(module, fit, validation, data.UserVocabulary, data.ItemVocabulary);
        return (TrainingLoop.Run(task, Options.Training, Progress), task.ExampleCount);
    }

    /// <summary>The mean training rating (the initial value of the models' global bias).</summary>
    protected static float MeanRating(TrainingData data) => data.Ratings.Count == 0 ? 3f : data.Ratings.Ratings.Average();

    private void EnsureFallback()
    {
        var data = Data;
        lock (_gate)
        {
            if (!ReferenceEquals(_fallbackData, data))
            {
                BuildFallback(data);
                _fallbackData = data;
            }
        }
    }

    private void BuildFallback(TrainingData data)
    {
        var ratings = data.Ratings;
        var mean = MeanRating(data);
        var userSums = new float[data.UserVocabulary.Count];
        var userCounts = new int[userSums.Length];
        var itemSums = new float[data.ItemVocabulary.Count];
        var itemCounts = new int[itemSums.Length];
        for (var i = 0; i < ratings.Count; i++)
        {
            var u = data.UserVocabulary.IndexOf(ratings.UserIds[i]);
            var m = data.ItemVocabulary.IndexOf(ratings.MovieIds[i]);
            userSums[u] += ratings.Ratings[i] - mean;
            userCounts[u]++;
            itemSums[m] += ratings.Ratings[i] - mean;
            itemCounts[m]++;
        }

        _userOffsets = userSums.Select((s, u) => s / (userCounts[u] + Damping)).ToArray();
        _itemOffsets = itemSums.Select((s, m) => s / (itemCounts[m] + Damping)).ToArray();
        _globalMean = mean;
    }
}
