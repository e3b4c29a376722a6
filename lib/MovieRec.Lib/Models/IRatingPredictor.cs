namespace MovieRec.Models;

/// <summary>
/// A recommender that also predicts star ratings (matrix factorisation, bias baselines, neural rating
/// models). Rating metrics (<see cref="Evaluation.RatingMetrics"/>) are computed from these predictions.
/// </summary>
public interface IRatingPredictor : IRecommender
{
    /// <summary>
    /// Predicted rating of each (user, movie) pair, on the training rating scale. Never NaN: a pair with an
    /// unknown user or movie gets the model's documented fallback (at least the training mean), because a
    /// rating split can put users or movies in the test set that training never saw.
    /// </summary>
    float[] PredictRatings(int[] userIds, int[] movieIds);
}
