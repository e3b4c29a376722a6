namespace MovieRec.Data;

/// <summary>
/// Ratings in columnar form: four parallel arrays, one entry per rating. Raw MovieLens ids are kept
/// (models map them to contiguous indices with <see cref="IdVocabulary"/>). Columnar arrays keep a
/// 25M-rating table at about 500 MB and let splitters and models work without per-row objects.
/// </summary>
public sealed class RatingsTable
{
    public RatingsTable(int[] userIds, int[] movieIds, float[] ratings, long[] timestamps)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(timestamps);
        if (movieIds.Length != userIds.Length || ratings.Length != userIds.Length || timestamps.Length != userIds.Length)
        {
            throw new ArgumentException(
                $"All columns must have the same length (userIds {userIds.Length}, movieIds {movieIds.Length}, " +
                $"ratings {ratings.Length}, timestamps {timestamps.Length}).");
        }

        UserIds = userIds;
        MovieIds = movieIds;
        Ratings = ratings;
        Timestamps = timestamps;
    }

    /// <summary>Raw MovieLens user id of each rating.</summary>
    public int[] UserIds { get; }

    /// <summary>Raw MovieLens movie id of each rating.</summary>
    public int[] MovieIds { get; }

    /// <summary>Star rating, 0.5 to 5.0 in half steps (whole stars for ML-1M and ML-100K).</summary>
    public float[] Ratings { get; }

    /// <summary>Seconds since the Unix epoch (UTC).</summary>
    public long[] Timestamps { get; }

    /// <summary>Number of ratings.</summary>
    public int Count => UserIds.Length;

    /// <summary>An empty table.</summary>
    public static RatingsTable Empty { get; } = new([], [], [], []);

    /// <summary>The rows at the given positions, in that order (used by splitters).</summary>
    public RatingsTable Select(ReadOnlySpan<int> rows)
    {
        var users = new int[rows.Length];
        var movies = new int[rows.Length];
        var ratings = new float[rows.Length];
        var times = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            users[i] = UserIds[r];
            movies[i] = MovieIds[r];
            ratings[i] = Ratings[r];
            times[i] = Timestamps[r];
        }

        return new RatingsTable(users, movies, ratings, times);
    }

    /// <summary>Distinct user ids, ascending.</summary>
    public int[] DistinctUserIds() => DistinctSorted(UserIds);

    /// <summary>Distinct movie ids, ascending.</summary>
    public int[] DistinctMovieIds() => DistinctSorted(MovieIds);

    private static int[] DistinctSorted(int[] values)
    {
        var set = new HashSet<int>(values);
        var result = set.ToArray();
        Array.Sort(result);
        return result;
    }
}
