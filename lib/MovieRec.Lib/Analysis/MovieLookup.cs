using MovieRec.Data;

namespace MovieRec.Analysis;

/// <summary>
/// Titles and genres by movie id for the notebook tables. A recommended movie can be missing from the movie list
/// (ratings of unknown movies are reported, not dropped), so it is labelled rather than skipped.
/// </summary>
internal sealed class MovieLookup(IReadOnlyList<Movie> movies)
{
    private readonly Dictionary<int, Movie> _byId = movies.GroupBy(m => m.MovieId).ToDictionary(g => g.Key, g => g.First());

    /// <summary>The title, or "(movie N, not in the movie list)".</summary>
    public string Title(int movieId) =>
        _byId.TryGetValue(movieId, out var movie) ? movie.Title : $"(movie {movieId}, not in the movie list)";

    /// <summary>The genres joined with '|', or empty for a movie not in the list.</summary>
    public string Genres(int movieId) =>
        _byId.TryGetValue(movieId, out var movie) ? string.Join('|', movie.Genres) : string.Empty;
}
