namespace MovieRec.Data;

/// <summary>
/// The headline numbers of a data set: what the CLI prints and notebook 01 shows first.
/// <see cref="Density"/> is ratings / (users × rated movies): the share of the user–movie matrix that is
/// filled, the number that tells how sparse the recommendation problem is.
/// </summary>
public sealed record DatasetSummary(
    string Name,
    int Users,
    int Movies,
    int RatedMovies,
    int Ratings,
    int Tags,
    double Density,
    double MeanRating,
    int MinimumRatingsPerUser,
    double MedianRatingsPerUser,
    int MaximumRatingsPerUser,
    double MedianRatingsPerMovie,
    DateTimeOffset? FirstRating,
    DateTimeOffset? LastRating)
{
    /// <summary>Summarises a loaded data set.</summary>
    public static DatasetSummary Of(MovieLensDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var ratings = dataset.Ratings;
        var perUser = CountsPerId(ratings.UserIds);
        var perMovie = CountsPerId(ratings.MovieIds);
        var mean = 0d;
        long first = long.MaxValue, last = long.MinValue;
        for (var i = 0; i < ratings.Count; i++)
        {
            mean += ratings.Ratings[i];
            first = Math.Min(first, ratings.Timestamps[i]);
            last = Math.Max(last, ratings.Timestamps[i]);
        }

        var count = ratings.Count;
        return new DatasetSummary(
            dataset.Name,
            perUser.Length,
            dataset.Movies.Count,
            perMovie.Length,
            count,
            dataset.Tags.Count,
            perUser.Length == 0 ? 0 : count / ((double)perUser.Length * perMovie.Length),
            count == 0 ? double.NaN : mean / count,
            perUser.Length == 0 ? 0 : perUser[0],
            Median(perUser),
            perUser.Length == 0 ? 0 : perUser[^1],
            Median(perMovie),
            count == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(first),
            count == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(last));
    }

    /// <summary>The summary as (name, value) rows, for printing or a two-column table.</summary>
    public IReadOnlyList<(string Name, string Value)> ToRows() =>
    [
        ("data set", Name),
        ("users", $"{Users:N0}"),
        ("movies (listed)", $"{Movies:N0}"),
        ("movies (rated)", $"{RatedMovies:N0}"),
        ("ratings", $"{Ratings:N0}"),
        ("tags", $"{Tags:N0}"),
        ("density", $"{Density:P2}"),
        ("mean rating", $"{MeanRating:F2}"),
        ("ratings per user (min / median / max)", $"{MinimumRatingsPerUser} / {MedianRatingsPerUser:0.#} / {MaximumRatingsPerUser}"),
        ("ratings per movie (median)", $"{MedianRatingsPerMovie:0.#}"),
        ("time span", FirstRating is null ? "-" : $"{FirstRating:yyyy-MM-dd} to {LastRating:yyyy-MM-dd}"),
    ];

    /// <summary>Rating count of each distinct id, ascending.</summary>
    private static int[] CountsPerId(int[] ids)
    {
        var counts = new Dictionary<int, int>();
        foreach (var id in ids)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var result = counts.Values.ToArray();
        Array.Sort(result);
        return result;
    }

    private static double Median(int[] sorted) => sorted.Length == 0
        ? double.NaN
        : sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
}
