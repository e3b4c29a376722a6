using MovieRec.Data;

namespace MovieRec.Exploration;

/// <summary>One genre's numbers.</summary>
/// <param name="Genre">The genre as written in movies.csv; "(no genres listed)" for movies without one.</param>
/// <param name="Movies">Movies listed with this genre (each movie once, rated or not).</param>
/// <param name="Ratings">Ratings of those movies.</param>
/// <param name="MeanRating">Mean of those ratings (NaN when the genre has none).</param>
/// <param name="ShareOfMovies">Movies / all listed movies. Shares add up to more than 1: a movie has several genres.</param>
/// <param name="ShareOfRatings">Ratings / all ratings of listed movies (also adds up to more than 1).</param>
public sealed record GenreStatistic(string Genre, int Movies, int Ratings, double MeanRating, double ShareOfMovies, double ShareOfRatings);

/// <summary>
/// Movies, ratings and mean rating per genre. A movie counts once in each of its genres, and each of its ratings
/// counts once in each of its genres. Genres are the only content feature every MovieLens data set has: they are
/// what the two-tower model's item tower can use for a movie nobody has rated yet.
/// </summary>
/// <param name="Genres">One row per genre, most movies first (ties: more ratings first, then by name).</param>
/// <param name="RatingsOfUnlistedMovies">Ratings of movie ids missing from the movie list: they belong to no genre and are counted here rather than dropped.</param>
public sealed record GenreStatistics(IReadOnlyList<GenreStatistic> Genres, int RatingsOfUnlistedMovies)
{
    /// <summary>The label used for movies whose genre list is empty, as MovieLens writes it.</summary>
    public const string NoGenre = "(no genres listed)";

    /// <summary>Genre statistics of a loaded data set.</summary>
    public static GenreStatistics Of(MovieLensDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Of(dataset.Ratings, dataset.Movies);
    }

    /// <summary>Genre statistics of <paramref name="ratings"/> over the genres of <paramref name="movies"/>.</summary>
    public static GenreStatistics Of(RatingsTable ratings, IReadOnlyList<Movie> movies)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(movies);

        // Per movie: rating count and sum, then spread over its genres (cheaper than per rating × genre).
        var movieTotals = new Dictionary<int, (int Count, double Sum)>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var (count, sum) = movieTotals.GetValueOrDefault(ratings.MovieIds[i]);
            movieTotals[ratings.MovieIds[i]] = (count + 1, sum + ratings.Ratings[i]);
        }

        var genres = new Dictionary<string, (int Movies, int Ratings, double Sum)>(StringComparer.Ordinal);
        var listed = new HashSet<int>();
        long ratingsOfListed = 0;
        foreach (var movie in movies)
        {
            if (!listed.Add(movie.MovieId))
            {
                throw new ArgumentException($"Movie id {movie.MovieId} is listed twice.", nameof(movies));
            }

            var (count, sum) = movieTotals.GetValueOrDefault(movie.MovieId);
            ratingsOfListed += count;
            IEnumerable<string> names = movie.Genres.Count == 0 ? [NoGenre] : movie.Genres.Distinct(StringComparer.Ordinal);
            foreach (var genre in names)
            {
                var totals = genres.GetValueOrDefault(genre);
                genres[genre] = (totals.Movies + 1, totals.Ratings + count, totals.Sum + sum);
            }
        }

        var rows = genres
            .Select(p => new GenreStatistic(
                p.Key,
                p.Value.Movies,
                p.Value.Ratings,
                p.Value.Ratings == 0 ? double.NaN : p.Value.Sum / p.Value.Ratings,
                (double)p.Value.Movies / movies.Count,
                ratingsOfListed == 0 ? 0 : (double)p.Value.Ratings / ratingsOfListed))
            .OrderByDescending(g => g.Movies)
            .ThenByDescending(g => g.Ratings)
            .ThenBy(g => g.Genre, StringComparer.Ordinal)
            .ToArray();
        return new GenreStatistics(rows, (int)(ratings.Count - ratingsOfListed));
    }

    /// <summary>The genre with the most movies, or null when there are no movies.</summary>
    public string? MostCommonGenre => Genres.Count == 0 ? null : Genres[0].Genre;

    /// <summary>Genres by mean rating, highest first, among those with at least <paramref name="minimumRatings"/> ratings.</summary>
    public IReadOnlyList<GenreStatistic> ByMeanRating(int minimumRatings = 1)
    {
        if (minimumRatings < 1)
        {
            throw new ArgumentException($"minimumRatings must be at least 1, not {minimumRatings}.", nameof(minimumRatings));
        }

        return Genres.Where(g => g.Ratings >= minimumRatings)
            .OrderByDescending(g => g.MeanRating)
            .ThenBy(g => g.Genre, StringComparer.Ordinal)
            .ToArray();
    }
}
