using MovieRec.Data;

namespace MovieRec.Models;

/// <summary>Conveniences every model gets for free.</summary>
public static class RecommenderExtensions
{
    /// <summary>Fits on ratings alone (no movie metadata): <c>model.Fit(new TrainingData(ratings))</c>.</summary>
    public static void Fit(this IRecommender model, RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ratings);
        model.Fit(new TrainingData(ratings));
    }

    /// <summary>Recommendations for a single user: the one row of a batch of one.</summary>
    public static (int[] MovieIds, float[] Scores) RecommendOne(
        this IRecommender model, int userId, int k, RecommendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Recommend([userId], k, options);
        return (result.MovieIdsAt(0).ToArray(), result.ScoresAt(0).ToArray());
    }
}
