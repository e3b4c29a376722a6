using MovieRec.Data;

namespace MovieRec.Exploration;

/// <summary>A movie with its rating count and mean, joined with its title.</summary>
/// <param name="MovieId">The MovieLens id.</param>
/// <param name="Title">Title from the movie list, or "(movie N, not in the movie list)".</param>
/// <param name="Ratings">Number of ratings.</param>
/// <param name="MeanRating">Mean rating.</param>
/// <param name="Genres">The movie's genres joined with "|" (empty when none or unlisted).</param>
public sealed record MovieStatistic(int MovieId, string Title, int Ratings, double MeanRating, string Genres);

/// <summary>
/// The most rated and the best rated movies. "Best rated" needs a minimum number of ratings: without it the
/// top is made of movies rated 5 by one person. The two lists differ, and that difference is the point:
/// popularity and quality are not the same thing, and a model that ranks by popularity alone recommends the head.
/// </summary>
public static class TopMovies
{
    /// <summary>The <paramref name="count"/> movies with the most ratings (ties: higher mean first, then smaller id).</summary>
    public static IReadOnlyList<MovieStatistic> MostRated(MovieLensDataset dataset, int count = 20)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return MostRated(dataset.Ratings, dataset.Movies, count);
    }

    /// <summary>The <paramref name="count"/> movies with the most ratings (ties: higher mean first, then smaller id).</summary>
    public static IReadOnlyList<MovieStatistic> MostRated(RatingsTable ratings, IReadOnlyList<Movie> movies, int count = 20)
    {
        RequirePositive(count, nameof(count));
        return Statistics(ratings, movies)
            .OrderByDescending(m => m.Ratings)
            .ThenByDescending(m => m.MeanRating)
            .ThenBy(m => m.MovieId)
            .Take(count)
            .ToArray();
    }

    /// <summary>
    /// The <paramref name="count"/> movies with the highest mean rating among those with at least
    /// <paramref name="minimumRatings"/> ratings (ties: more ratings first, then smaller id).
    /// </summary>
    public static IReadOnlyList<MovieStatistic> BestRated(MovieLensDataset dataset, int count = 20, int minimumRatings = 50)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return BestRated(dataset.Ratings, dataset.Movies, count, minimumRatings);
    }

    /// <summary>
    /// The <paramref name="count"/> movies with the highest mean rating among those with at least
    /// <paramref name="minimumRatings"/> ratings (ties: more ratings first, then smaller id).
    /// </summary>
    public static IReadOnlyList<MovieStatistic> BestRated(RatingsTable ratings, IReadOnlyList<Movie> movies, int count = 20, int minimumRatings = 50)
    {
        RequirePositive(count, nameof(count));
        RequirePositive(minimumRatings, nameof(minimumRatings));
        return Statistics(ratings, movies)
            .Where(m => m.Ratings >= minimumRatings)
            .OrderByDescending(m => m.MeanRating)
            .ThenByDescending(m => m.Ratings)
            .ThenBy(m => m.MovieId)
            .Take(count)
            .ToArray();
    }

    private static IEnumerable<MovieStatistic> Statistics(RatingsTable ratings, IReadOnlyList<Movie> movies)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(movies);
        var totals = new Dictionary<int, (int Count, double Sum)>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var (n, sum) = totals.GetValueOrDefault(ratings.MovieIds[i]);
            totals[ratings.MovieIds[i]] = (n + 1, sum + ratings.Ratings[i]);
        }

        var byId = new Dictionary<int, Movie>(movies.Count);
        foreach (var movie in movies)
        {
            byId[movie.MovieId] = movie;
        }

        return totals.Select(p => byId.TryGetValue(p.Key, out var movie)
            ? new MovieStatistic(p.Key, movie.Title, p.Value.Count, p.Value.Sum / p.Value.Count, string.Join('|', movie.Genres))
            : new MovieStatistic(p.Key, $"(movie {p.Key}, not in the movie list)", p.Value.Count, p.Value.Sum / p.Value.Count, string.Empty));
    }

    private static void RequirePositive(int value, string parameterName)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{parameterName} must be at least 1, not {value}.", parameterName);
        }
    }
}
