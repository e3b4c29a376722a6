using System.Numerics.Tensors;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>Cold start: recommendations for a user who was not in training, from that user's ratings.</summary>
public sealed partial class TwoTowerRecommender
{
    /// <summary>The query id of the single row <see cref="RecommendFromRatings"/> returns (no training user has it).</summary>
    public const int ColdStartQueryId = -1;

    /// <summary>
    /// Top-<paramref name="k"/> movies for a user outside training, described only by
    /// <paramref name="ratings"/>. The user tower sees exactly what it sees for a training user: the (rating
    /// weighted, see <see cref="TwoTowerOptions.HistoryRatingExponent"/>) mean of the rated movies' history
    /// embeddings and genre rows. Every rating counts, low ones included: the model is trained to predict
    /// which movies a user rates at all (the evaluation counts every held-out rating as relevant), and a
    /// watched-but-disliked movie still says what the user watches; with a positive rating exponent low
    /// ratings count less. A user-id embedding, when the model has one, is replaced by zeros. With no
    /// ratings the history features are zeros (a generic user).
    /// </summary>
    /// <param name="ratings">The user's (movie id, rating) pairs; every movie must be in the training catalogue, at most once.</param>
    /// <param name="k">Movies to return, at least 1.</param>
    /// <param name="excludeRated">Leave the rated movies out of the result (default true).</param>
    /// <returns>One row with query id <see cref="ColdStartQueryId"/>, best first, ties to the lower catalogue index.</returns>
    /// <exception cref="ArgumentException">A movie id is not in the training catalogue (all such ids are named), is repeated, or a rating is not finite.</exception>
    /// <exception cref="InvalidOperationException">The recommender is not fitted or loaded.</exception>
    public Recommendations RecommendFromRatings(IReadOnlyList<(int MovieId, float Rating)> ratings, int k, bool excludeRated = true)
    {
        var data = _data ?? throw NotFitted();
        var model = _model!;
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var items = data.ItemVocabulary;
        var indices = new long[ratings.Count];
        var weights = new float[ratings.Count];
        var unknown = new List<int>();
        var distinct = new HashSet<int>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var (movieId, rating) = ratings[i];
            if (!float.IsFinite(rating))
            {
                throw new ArgumentException($"The rating of movie {movieId} is {rating}, not a finite number.", nameof(ratings));
            }

            if (!distinct.Add(movieId))
            {
                throw new ArgumentException($"Movie {movieId} is rated more than once.", nameof(ratings));
            }

            if (items.TryGetIndex(movieId, out var index))
            {
                indices[i] = index;
                weights[i] = TwoTowerModel.HistoryWeight(rating, Options.HistoryRatingExponent);
            }
            else
            {
                unknown.Add(movieId);
            }
        }

        if (unknown.Count > 0)
        {
            const int Shown = 20;
            var listed = string.Join(", ", unknown.Take(Shown)) + (unknown.Count > Shown ? $" … ({unknown.Count} in all)" : string.Empty);
            throw new ArgumentException(
                $"{unknown.Count} rated movie(s) are not in the model's training catalogue: {listed}.", nameof(ratings));
        }

        var d = VectorWidth;
        float[] userVector;
        using (no_grad())
        using (NewDisposeScope())
        {
            var rows = zeros(indices.Length, dtype: ScalarType.Int64);
            userVector = model.EncodeUsersFromEntries(null, rows, tensor(indices), tensor(weights), rowCount: 1)
                .contiguous().data<float>().ToArray();
        }

        var scores = new float[items.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(userVector, _itemVectors.AsSpan(i * d, d));
        }

        var excluded = excludeRated ? indices.Select(i => (int)i).Order().ToArray() : [];
        var stride = Math.Min(k, items.Count);
        var chosen = new int[stride];
        var chosenScores = new float[stride];
        var count = TopK.Select(scores, stride, excluded, chosen, chosenScores);
        for (var i = 0; i < count; i++)
        {
            chosen[i] = items.IdAt(chosen[i]);
        }

        return Recommendations.FromStrided([ColdStartQueryId], stride, [count], chosen, chosenScores);
    }
}
