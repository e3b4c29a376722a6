using MovieRec.Data;

namespace MovieRec.Exploration;

/// <summary>
/// How ratings spread over users (activity) or over movies (popularity): the count of each id, and the
/// numbers that say how unequal the spread is. Both are long-tailed in MovieLens: a few users rate thousands
/// of movies and a few movies get a large share of all ratings, while most movies have a handful. That is
/// popularity bias (why recommending the most popular movies is a strong baseline, and why novelty and
/// coverage are measured) and cold start (movies and users with few ratings give collaborative filtering
/// little to learn from).
/// <para>Only ids that occur in the ratings are counted: a movie listed in movies.csv but never rated is not here.</para>
/// </summary>
/// <param name="Entity">What is counted per id: "user" or "movie".</param>
/// <param name="Ids">The ids, most ratings first (ties: smaller id first).</param>
/// <param name="Counts">Ratings of each id, parallel to <paramref name="Ids"/> (descending).</param>
/// <param name="Minimum">Fewest ratings of an id (0 when there are no ids).</param>
/// <param name="Median">Median ratings per id (NaN when there are no ids).</param>
/// <param name="Mean">Mean ratings per id (NaN when there are no ids).</param>
/// <param name="Maximum">Most ratings of an id (0 when there are no ids).</param>
/// <param name="Gini">
/// Gini coefficient of the counts: 0 when every id has the same count, towards 1 when a few ids have
/// almost all ratings. Computed as (2 Σᵢ i·xᵢ) / (n Σ x) − (n + 1) / n over the counts sorted ascending, i from 1.
/// </param>
/// <param name="TopTenPercentShare">
/// Share of all ratings held by the top 10% of ids (the first max(1, ⌊n/10⌋) ids by count), the measure
/// <see cref="SyntheticMovieLensSummary"/> reports too.
/// </param>
public sealed record ActivityCounts(
    string Entity,
    int[] Ids,
    int[] Counts,
    int Minimum,
    double Median,
    double Mean,
    int Maximum,
    double Gini,
    double TopTenPercentShare)
{
    /// <summary>Number of ids counted.</summary>
    public int Length => Ids.Length;

    /// <summary>Ratings per user.</summary>
    public static ActivityCounts PerUser(RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return Of("user", ratings.UserIds);
    }

    /// <summary>Ratings per movie (movies with at least one rating).</summary>
    public static ActivityCounts PerMovie(RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return Of("movie", ratings.MovieIds);
    }

    /// <summary>How many ids have at most <paramref name="count"/> ratings (e.g. movies with at most 5: the cold tail).</summary>
    public int CountWithAtMost(int count)
    {
        if (count < 0)
        {
            throw new ArgumentException($"count must be non-negative, not {count}.", nameof(count));
        }

        // Counts are descending: the ids with at most `count` ratings are a suffix.
        var first = Array.FindIndex(Counts, c => c <= count);
        return first < 0 ? 0 : Counts.Length - first;
    }

    /// <summary>The headline numbers as (name, value) rows for a two-column table.</summary>
    /// <param name="fewRatings">The row "…s with at most N ratings" uses this N (the barely-rated tail). Default 5.</param>
    public IReadOnlyList<(string Name, string Value)> ToRows(int fewRatings = 5) =>
    [
        ($"{Entity}s", $"{Length:N0}"),
        ($"ratings per {Entity} (min / median / mean / max)", $"{Minimum} / {Median:0.#} / {Mean:0.#} / {Maximum}"),
        ($"{Entity}s with at most {fewRatings} ratings", $"{CountWithAtMost(fewRatings):N0} ({(Length == 0 ? 0 : (double)CountWithAtMost(fewRatings) / Length):P1})"),
        ("Gini coefficient", $"{Gini:F3}"),
        ($"share of ratings held by the top 10% of {Entity}s", $"{TopTenPercentShare:P1}"),
    ];

    private static ActivityCounts Of(string entity, int[] ids)
    {
        var counts = new Dictionary<int, int>();
        foreach (var id in ids)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var ordered = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).ToArray();
        var sortedIds = ordered.Select(p => p.Key).ToArray();
        var sortedCounts = ordered.Select(p => p.Value).ToArray();
        var n = sortedCounts.Length;
        if (n == 0)
        {
            return new ActivityCounts(entity, [], [], 0, double.NaN, double.NaN, 0, 0, 0);
        }

        long total = ids.Length;
        var median = n % 2 == 1 ? sortedCounts[n / 2] : (sortedCounts[(n / 2) - 1] + sortedCounts[n / 2]) / 2.0;

        // Gini over ascending counts: position i (1-based) of the ascending order is n - j for descending index j.
        double weighted = 0;
        for (var j = 0; j < n; j++)
        {
            weighted += (double)(n - j) * sortedCounts[j];
        }

        var gini = (2 * weighted / (n * (double)total)) - ((n + 1.0) / n);
        var top = sortedCounts.Take(Math.Max(1, n / 10)).Sum(c => (long)c);
        return new ActivityCounts(
            entity, sortedIds, sortedCounts, sortedCounts[^1], median, (double)total / n, sortedCounts[0],
            Math.Max(0, gini), (double)top / total);
    }
}
