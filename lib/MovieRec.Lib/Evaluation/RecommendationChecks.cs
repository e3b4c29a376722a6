using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>
/// Checks the rows a model returned during evaluation against the <see cref="IRecommender"/> contract, so a
/// broken model fails with a message naming the user rather than quietly scoring too high or too low.
/// </summary>
internal static class RecommendationChecks
{
    /// <exception cref="InvalidOperationException">A row is for the wrong user, longer than
    /// <paramref name="k"/>, repeats a movie, or holds a movie the user rated in training.</exception>
    public static void Validate(string modelName, TrainingData train, int[] users, int k, Recommendations recommendations)
    {
        if (recommendations.Count != users.Length)
        {
            throw new InvalidOperationException($"{modelName} returned {recommendations.Count} rows for {users.Length} users.");
        }

        var items = train.ItemVocabulary;
        var seen = train.SeenItems;
        var scratch = new int[k];
        for (var r = 0; r < users.Length; r++)
        {
            if (recommendations.QueryIds[r] != users[r])
            {
                throw new InvalidOperationException(
                    $"{modelName} returned row {r} for user {recommendations.QueryIds[r]}; user {users[r]} was asked for.");
            }

            var row = recommendations.MovieIdsAt(r);
            if (row.Length > k)
            {
                throw new InvalidOperationException($"{modelName} returned {row.Length} movies for user {users[r]}; at most {k} were asked for.");
            }

            var copy = scratch.AsSpan(0, row.Length);
            row.CopyTo(copy);
            copy.Sort();
            for (var i = 1; i < copy.Length; i++)
            {
                if (copy[i] == copy[i - 1])
                {
                    throw new InvalidOperationException($"{modelName} recommended movie {copy[i]} twice to user {users[r]}.");
                }
            }

            if (!train.UserVocabulary.TryGetIndex(users[r], out var userIndex))
            {
                continue;
            }

            foreach (var movieId in row)
            {
                if (items.TryGetIndex(movieId, out var itemIndex) && seen.Contains(userIndex, itemIndex))
                {
                    throw new InvalidOperationException(
                        $"{modelName} recommended movie {movieId} to user {users[r]}, who rated it in training; " +
                        "seen items must be excluded during evaluation.");
                }
            }
        }
    }
}
