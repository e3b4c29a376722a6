using MovieRec.Models;

namespace MovieRec.Tests.Conformance;

/// <summary>
/// Reference <see cref="IRatingPredictor"/> for the conformance suite (not a library model): ranks with
/// item co-occurrence and predicts a user's mean training rating, or the global mean for unknown users.
/// </summary>
public sealed class UserMeanRatingReference : IRatingPredictor
{
    private readonly ItemCooccurrenceReference _ranker = new();
    private Dictionary<int, float> _userMeans = [];
    private float _globalMean = float.NaN;

    public string Name => "UserMeanRatingReference";

    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _ranker.Fit(data);
        var ratings = data.Ratings;
        _globalMean = ratings.Ratings.Average();
        _userMeans = Enumerable.Range(0, ratings.Count)
            .GroupBy(i => ratings.UserIds[i])
            .ToDictionary(g => g.Key, g => g.Average(i => ratings.Ratings[i]));
    }

    public float[] PredictRatings(int[] userIds, int[] movieIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        if (float.IsNaN(_globalMean))
        {
            throw new InvalidOperationException($"{Name} is not fitted.");
        }

        return userIds.Select(u => _userMeans.GetValueOrDefault(u, _globalMean)).ToArray();
    }

    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null) => _ranker.Recommend(userIds, k, options);

    public float[] Score(int[] userIds, int[] movieIds) => _ranker.Score(userIds, movieIds);

    public Recommendations SimilarItems(int[] movieIds, int k) => _ranker.SimilarItems(movieIds, k);

    public void Save(string directory)
    {
        _ranker.Save(directory);
        RecommenderStore.WriteManifest(directory, this);
    }

    public static UserMeanRatingReference Load(string directory)
    {
        var ranker = ItemCooccurrenceReference.Load(directory);
        var model = new UserMeanRatingReference();
        model.Fit(new TrainingData(ranker.TrainingRatings));
        return model;
    }
}
