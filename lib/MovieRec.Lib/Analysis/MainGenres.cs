using MovieRec.Data;

namespace MovieRec.Analysis;

/// <summary>
/// One genre per movie, for colouring charts (a movie in MovieLens has several genres, listed alphabetically, so
/// "the first one" would make almost everything "Action" or "Adventure").
/// </summary>
/// <remarks>
/// The rule: a movie's main genre is its <b>least common</b> genre in the given movie list (ties: alphabetical),
/// because the rarer label is the more telling one — Toy Story (Adventure, Animation, Children, Comedy, Fantasy) is
/// "Animation", The Matrix (Action, Sci-Fi, Thriller) "Sci-Fi". "IMAX" is skipped when the movie has another genre:
/// it is a screen format, not content, and being rare it would otherwise label many blockbusters.
/// </remarks>
public static class MainGenres
{
    /// <summary>The label of a movie without genres (or not in the movie list).</summary>
    public const string NoGenre = "(no genres listed)";

    private const string ScreenFormat = "IMAX";

    /// <summary>Main genre of every movie in <paramref name="movies"/>, by movie id.</summary>
    /// <param name="movies">The movie list; genre frequencies are counted over it.</param>
    public static IReadOnlyDictionary<int, string> Of(IReadOnlyList<Movie> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var movie in movies)
        {
            foreach (var genre in movie.Genres)
            {
                frequency[genre] = frequency.GetValueOrDefault(genre) + 1;
            }
        }

        var main = new Dictionary<int, string>(movies.Count);
        foreach (var movie in movies)
        {
            var content = movie.Genres.Where(g => !string.Equals(g, ScreenFormat, StringComparison.Ordinal)).ToArray();
            var candidates = content.Length > 0 ? content : movie.Genres.ToArray();
            main[movie.MovieId] = candidates.Length == 0
                ? NoGenre
                : candidates.OrderBy(g => frequency[g]).ThenBy(g => g, StringComparer.Ordinal).First();
        }

        return main;
    }
}
