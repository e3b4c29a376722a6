using MovieRec.Data;

namespace MovieRec.Models;

/// <summary>
/// The shared shell of <see cref="IRecommender.Score"/>: argument checks, id mapping and NaN for unknown
/// users or movies; the model supplies the score of one (user index, item index) pair.
/// </summary>
internal static class PairScores
{
    /// <summary>Scores each pair with <paramref name="score"/>, NaN where the user or movie is unknown.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length (parameter "movieIds").</exception>
    public static float[] Compute(TrainingData data, int[] userIds, int[] movieIds, Func<int, int, float> score) =>
        Compute(data.UserVocabulary, data.ItemVocabulary, userIds, movieIds, score);

    /// <summary>Scores each pair with <paramref name="score"/>, NaN where the user or movie is not in the vocabularies.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length (parameter "movieIds").</exception>
    public static float[] Compute(IdVocabulary users, IdVocabulary items, int[] userIds, int[] movieIds, Func<int, int, float> score)
    {
        CheckPairs(userIds, movieIds);
        var result = new float[userIds.Length];
        for (var p = 0; p < result.Length; p++)
        {
            result[p] = users.TryGetIndex(userIds[p], out var userIndex) && items.TryGetIndex(movieIds[p], out var itemIndex)
                ? score(userIndex, itemIndex)
                : float.NaN;
        }

        return result;
    }

    /// <summary>Checks that <paramref name="userIds"/> and <paramref name="movieIds"/> form pairs.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length (parameter "movieIds").</exception>
    public static void CheckPairs(int[] userIds, int[] movieIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        if (userIds.Length != movieIds.Length)
        {
            throw new ArgumentException(
                $"One movie id is needed per user id: {userIds.Length} user ids but {movieIds.Length} movie ids.", nameof(movieIds));
        }
    }
}
